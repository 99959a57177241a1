CREATE TABLE "online_dossiers" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"channel" integer NOT NULL,
	"agency_code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"deadline" text NOT NULL,
	"submission" jsonb NOT NULL,
	"claimed_by" text,
	"claimed_by_name" text,
	"claim_device_id" text,
	"claimed_until" timestamp with time zone,
	"decision" text,
	"decision_id" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"dossier_code" text,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "online_dossiers_external" UNIQUE("source","external_id"),
	CONSTRAINT "online_dossiers_decision" UNIQUE("decision_id")
);
--> statement-breakpoint
CREATE INDEX "online_dossiers_queue_idx" ON "online_dossiers" USING btree ("agency_code","decision","deadline");