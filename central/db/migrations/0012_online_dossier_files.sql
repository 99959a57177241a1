CREATE TABLE "online_dossier_files" (
	"online_dossier_id" text NOT NULL,
	"position" integer NOT NULL,
	"component_code" text NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"sha256" text,
	"size" bigint,
	"media_type" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"error_code" text,
	CONSTRAINT "online_dossier_files_online_dossier_id_position_pk" PRIMARY KEY("online_dossier_id","position")
);
--> statement-breakpoint
ALTER TABLE "online_dossier_files" ADD CONSTRAINT "online_dossier_files_online_dossier_id_online_dossiers_id_fk" FOREIGN KEY ("online_dossier_id") REFERENCES "public"."online_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "online_dossier_files_due_idx" ON "online_dossier_files" USING btree ("state","next_attempt_at");