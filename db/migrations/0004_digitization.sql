CREATE TABLE `component_digitization` (
	`dossier_id` text NOT NULL,
	`component_code` text NOT NULL,
	`state` integer NOT NULL,
	`sha256` text,
	`page_count` integer NOT NULL,
	`reused_from_dossier_id` text,
	`officer_account_id` text,
	`digitized_at` text NOT NULL,
	`digitized_date` text NOT NULL,
	PRIMARY KEY(`dossier_id`, `component_code`),
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `component_digitization_date_idx` ON `component_digitization` (`digitized_date`);--> statement-breakpoint
CREATE TABLE `scan_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`procedure_code` text,
	`officer_account_id` text,
	`dossier_id` text,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`officer_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scan_sessions_status_idx` ON `scan_sessions` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `scan_sessions_dossier_idx` ON `scan_sessions` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `scanned_pages` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`component_code` text NOT NULL,
	`position` integer NOT NULL,
	`original_sha256` text NOT NULL,
	`original_media_type` text NOT NULL,
	`cleaned_sha256` text,
	`thumbnail_sha256` text,
	`state` text NOT NULL,
	`width_px` integer,
	`height_px` integer,
	`resolution_dpi` integer,
	`quality` text,
	`quality_score` integer,
	`blank` integer DEFAULT false NOT NULL,
	`rotation` integer DEFAULT 0 NOT NULL,
	`barcodes` text,
	`ocr_text` text,
	`ocr_confidence` real,
	`ocr_words` text,
	`source` text NOT NULL,
	`captured_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `scan_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scanned_pages_slot_idx` ON `scanned_pages` (`session_id`,`component_code`,`position`);