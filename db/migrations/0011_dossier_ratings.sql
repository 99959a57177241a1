CREATE TABLE `dossier_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`stage` text NOT NULL,
	`rating` text NOT NULL,
	`reasons` text NOT NULL,
	`rated_at` text NOT NULL,
	`counter_id` text,
	`officer_id` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`officer_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossier_ratings_dossier_stage_idx` ON `dossier_ratings` (`dossier_id`,`stage`);--> statement-breakpoint
CREATE INDEX `dossier_ratings_rated_idx` ON `dossier_ratings` (`rated_at`);