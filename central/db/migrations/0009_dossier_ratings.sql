CREATE TABLE "dossier_ratings" (
	"id" text PRIMARY KEY NOT NULL,
	"dossier_code" text NOT NULL,
	"stage" text NOT NULL,
	"rating" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	"counter_id" text NOT NULL,
	"officer_id" text,
	"command_id" text NOT NULL,
	CONSTRAINT "dossier_ratings_dossier_stage" UNIQUE("dossier_code","stage")
);
--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_dossier_code_dossiers_code_fk" FOREIGN KEY ("dossier_code") REFERENCES "public"."dossiers"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_counter_id_devices_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_ratings_rated_idx" ON "dossier_ratings" USING btree ("rated_at");