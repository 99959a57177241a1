ALTER TABLE "online_dossiers" ADD COLUMN "form_sha256" text;--> statement-breakpoint
ALTER TABLE "online_dossiers" ADD COLUMN "form_signed" boolean;