CREATE TYPE "public"."match_decision" AS ENUM('pending', 'link', 'create', 'ignore');--> statement-breakpoint
CREATE TYPE "public"."match_proposal" AS ENUM('link', 'create', 'decide');--> statement-breakpoint
CREATE TYPE "public"."match_type" AS ENUM('exact', 'normalized');--> statement-breakpoint
ALTER TYPE "public"."sync_trigger" ADD VALUE 'retry';--> statement-breakpoint
CREATE TABLE "match_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"kind" "record_kind" NOT NULL,
	"external_id" text NOT NULL,
	"psa_name" text NOT NULL,
	"psa_detail" text,
	"proposal" "match_proposal" NOT NULL,
	"match_type" "match_type",
	"proposed_record_id" uuid,
	"suggestions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decision" "match_decision" DEFAULT 'pending' NOT NULL,
	"decided_record_id" uuid,
	"decided_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "psa_record_errors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"kind" "record_kind" NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"last_error_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "psa_integrations" ADD COLUMN "simulated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "issues" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "cancel_requested_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "match_reviews" ADD CONSTRAINT "match_reviews_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_reviews" ADD CONSTRAINT "match_reviews_integration_id_psa_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."psa_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_reviews" ADD CONSTRAINT "match_reviews_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "psa_record_errors" ADD CONSTRAINT "psa_record_errors_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "psa_record_errors" ADD CONSTRAINT "psa_record_errors_integration_id_psa_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."psa_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "match_reviews_key" ON "match_reviews" USING btree ("integration_id","kind","external_id");--> statement-breakpoint
CREATE INDEX "match_reviews_account_idx" ON "match_reviews" USING btree ("account_id","kind","proposal","psa_name");--> statement-breakpoint
CREATE UNIQUE INDEX "psa_record_errors_key" ON "psa_record_errors" USING btree ("integration_id","kind","external_id");--> statement-breakpoint
CREATE INDEX "psa_record_errors_account_idx" ON "psa_record_errors" USING btree ("account_id","last_error_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_running_key" ON "sync_runs" USING btree ("integration_id") WHERE status = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_queued_key" ON "sync_runs" USING btree ("integration_id") WHERE status = 'queued';