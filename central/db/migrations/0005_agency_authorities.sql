CREATE TABLE "agency_authorities" (
	"actor_agency_code" text NOT NULL,
	"for_agency_code" text NOT NULL,
	"kind" text NOT NULL,
	"effective_from" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_authorities_actor_agency_code_for_agency_code_pk" PRIMARY KEY("actor_agency_code","for_agency_code")
);
