CREATE TABLE "audit_anchors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"verdict" text NOT NULL,
	"proof_seq" bigint,
	"proof_hash" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blob_holders" (
	"agency_code" text NOT NULL,
	"sha256" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blob_holders_agency_code_sha256_pk" PRIMARY KEY("agency_code","sha256")
);
--> statement-breakpoint
ALTER TABLE "backoffice_tokens" ADD COLUMN "scopes" text[] DEFAULT ARRAY['dossier-status', 'dvcqg', 'files', 'online']::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_anchors" ADD CONSTRAINT "audit_anchors_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blob_holders" ADD CONSTRAINT "blob_holders_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_anchors_device_idx" ON "audit_anchors" USING btree ("device_id","id");--> statement-breakpoint
-- Blobs already named by dossiers are held by those dossiers' agencies (issue 17 finding 4).
INSERT INTO "blob_holders" ("agency_code", "sha256") SELECT DISTINCT d."agency_code", f."sha256" FROM "dossier_files" f JOIN "dossiers" d ON d."code" = f."dossier_code" ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The province's copy of each counter's audit head is evidence: nothing rewrites or removes it (issue 17 finding 6).
CREATE FUNCTION audit_anchors_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_anchors is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_anchors_no_change BEFORE UPDATE OR DELETE ON audit_anchors FOR EACH ROW EXECUTE FUNCTION audit_anchors_append_only();
