CREATE TABLE "psa_link_counts" (
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"kind" "record_kind" NOT NULL,
	"psa_type_id" text,
	"psa_status_id" text,
	"state" "link_state" NOT NULL,
	"orphan_reason" "orphan_reason",
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "psa_link_counts_account_idx" ON "psa_link_counts" USING btree ("account_id","integration_id");--> statement-breakpoint
CREATE INDEX "psa_links_orphan_age_idx" ON "psa_links" USING btree ("account_id","kind","psa_type_id","orphaned_at") WHERE state = 'orphaned';--> statement-breakpoint
CREATE INDEX "psa_links_external_id_trgm_idx" ON "psa_links" USING gin ("external_id" gin_trgm_ops);