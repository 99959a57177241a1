CREATE TABLE "backoffice_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "backoffice_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "central_changes" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"agency_code" text,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_files" (
	"dossier_code" text NOT NULL,
	"component_code" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	"page_count" integer NOT NULL,
	"command_id" text NOT NULL,
	CONSTRAINT "dossier_files_dossier_code_component_code_sha256_pk" PRIMARY KEY("dossier_code","component_code","sha256")
);
--> statement-breakpoint
CREATE TABLE "sequence_counters" (
	"agency_code" text NOT NULL,
	"day" text NOT NULL,
	"next_first" integer NOT NULL,
	CONSTRAINT "sequence_counters_agency_code_day_pk" PRIMARY KEY("agency_code","day")
);
--> statement-breakpoint
CREATE TABLE "sequence_leases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_code" text NOT NULL,
	"day" text NOT NULL,
	"first" integer NOT NULL,
	"last" integer NOT NULL,
	"device_id" text NOT NULL,
	"leased_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sequence_leases_first_key" UNIQUE("agency_code","day","first")
);
--> statement-breakpoint
ALTER TABLE "blobs" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_dossier_code_dossiers_code_fk" FOREIGN KEY ("dossier_code") REFERENCES "public"."dossiers"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_leases" ADD CONSTRAINT "sequence_leases_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "central_changes_key_idx" ON "central_changes" USING btree ("kind","key");