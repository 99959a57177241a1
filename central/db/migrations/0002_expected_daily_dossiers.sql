ALTER TABLE "devices" ADD COLUMN "expected_daily_dossiers" integer;--> statement-breakpoint
ALTER TABLE "enrolment_codes" ADD COLUMN "expected_daily_dossiers" integer;