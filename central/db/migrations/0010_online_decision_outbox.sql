CREATE TABLE "online_decision_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"online_dossier_id" text NOT NULL,
	"decision_id" text NOT NULL,
	"target" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"leased_until" timestamp with time zone,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "online_decision_outbox_once" UNIQUE("decision_id","target")
);
--> statement-breakpoint
ALTER TABLE "online_decision_outbox" ADD CONSTRAINT "online_decision_outbox_online_dossier_id_online_dossiers_id_fk" FOREIGN KEY ("online_dossier_id") REFERENCES "public"."online_dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "online_decision_outbox_due_idx" ON "online_decision_outbox" USING btree ("state","next_attempt_at");