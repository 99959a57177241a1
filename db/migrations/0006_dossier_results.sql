CREATE TABLE `dossier_results` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`page_count` integer NOT NULL,
	`officer_account_id` text,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossier_results_position_idx` ON `dossier_results` (`dossier_id`,`position`);