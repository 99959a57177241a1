CREATE TABLE `file_verifications` (
	`sha256` text PRIMARY KEY NOT NULL,
	`trust_fingerprint` text NOT NULL,
	`verdict` text NOT NULL,
	`verified_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `held_dossier_files` (
	`dossier_id` text NOT NULL,
	`sha256` text NOT NULL,
	`component_code` text NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`page_count` integer NOT NULL,
	PRIMARY KEY(`dossier_id`, `sha256`),
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
