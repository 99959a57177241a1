CREATE TABLE `procedure_components` (
	`id` text PRIMARY KEY NOT NULL,
	`procedure_id` text NOT NULL,
	`position` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`required` integer NOT NULL,
	`originals` integer NOT NULL,
	`copies` integer NOT NULL,
	`form_template` text,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedure_components_code_idx` ON `procedure_components` (`procedure_id`,`code`);--> statement-breakpoint
CREATE TABLE `procedure_fees` (
	`id` text PRIMARY KEY NOT NULL,
	`procedure_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `procedure_fees_procedure_idx` ON `procedure_fees` (`procedure_id`);--> statement-breakpoint
CREATE TABLE `procedures` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`sector_code` text NOT NULL,
	`sector_name` text NOT NULL,
	`level` text NOT NULL,
	`duration_unit` text NOT NULL,
	`duration_value` real NOT NULL,
	`result_code` text,
	`sample` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedures_code_unique` ON `procedures` (`code`);--> statement-breakpoint
CREATE TABLE `calendar_days` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `component_files` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`component_code` text NOT NULL,
	`position` integer NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`bytes` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `component_files_dossier_idx` ON `component_files` (`dossier_id`,`component_code`);--> statement-breakpoint
CREATE TABLE `dossier_events` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`type` text NOT NULL,
	`status` integer NOT NULL,
	`at` text NOT NULL,
	`actor_account_id` text,
	`actor_name` text NOT NULL,
	`payload` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dossier_events_dossier_idx` ON `dossier_events` (`dossier_id`,`at`);--> statement-breakpoint
CREATE TABLE `dossiers` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`procedure_code` text NOT NULL,
	`status` integer NOT NULL,
	`owner_identifier` text,
	`owner_name` text NOT NULL,
	`owner_phone` text NOT NULL,
	`search_text` text NOT NULL,
	`received_at` text NOT NULL,
	`received_date` text NOT NULL,
	`due_local` text,
	`officer_account_id` text,
	`register_book` text NOT NULL,
	`register_number` integer NOT NULL,
	`view` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`officer_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_code_unique` ON `dossiers` (`code`);--> statement-breakpoint
CREATE INDEX `dossiers_owner_identifier_idx` ON `dossiers` (`owner_identifier`);--> statement-breakpoint
CREATE INDEX `dossiers_owner_phone_idx` ON `dossiers` (`owner_phone`);--> statement-breakpoint
CREATE INDEX `dossiers_received_idx` ON `dossiers` (`received_date`,`received_at`);--> statement-breakpoint
CREATE INDEX `dossiers_status_idx` ON `dossiers` (`status`,`due_local`);--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_register_idx` ON `dossiers` (`register_book`,`register_number`);--> statement-breakpoint
CREATE TABLE `parties` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`identifier` text,
	`full_name` text NOT NULL,
	`details` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parties_identifier_idx` ON `parties` (`kind`,`identifier`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`dossier_id` text,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`acknowledged_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_seq_unique` ON `outbox` (`seq`);--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`acknowledged_at`,`seq`);--> statement-breakpoint
CREATE TABLE `sequence_blocks` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_code` text NOT NULL,
	`date` text,
	`first` integer NOT NULL,
	`last` integer NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
CREATE INDEX `sequence_blocks_agency_idx` ON `sequence_blocks` (`agency_code`,`date`);--> statement-breakpoint
CREATE TABLE `sequence_usage` (
	`agency_code` text NOT NULL,
	`date` text NOT NULL,
	`sequence` integer NOT NULL,
	`dossier_id` text NOT NULL,
	PRIMARY KEY(`agency_code`, `date`, `sequence`)
);
--> statement-breakpoint
CREATE TABLE `print_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text,
	`form_key` text NOT NULL,
	`copies` integer NOT NULL,
	`status` text NOT NULL,
	`reprint_number` integer DEFAULT 0 NOT NULL,
	`reason` text,
	`requested_by` text,
	`created_at` text NOT NULL,
	`finished_at` text,
	`output_path` text,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `print_jobs_status_idx` ON `print_jobs` (`status`);--> statement-breakpoint
CREATE INDEX `print_jobs_dossier_idx` ON `print_jobs` (`dossier_id`);