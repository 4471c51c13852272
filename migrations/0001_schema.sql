CREATE TYPE "public"."actor_type" AS ENUM('user', 'api_key', 'sync', 'system');--> statement-breakpoint
CREATE TYPE "public"."attachment_kind" AS ENUM('configuration', 'contact');--> statement-breakpoint
CREATE TYPE "public"."integration_status" AS ENUM('active', 'paused');--> statement-breakpoint
CREATE TYPE "public"."link_state" AS ENUM('syncing', 'orphaned', 'disabled', 'error');--> statement-breakpoint
CREATE TYPE "public"."orphan_reason" AS ENUM('deleted_in_psa', 'inactive_in_psa', 'excluded_by_settings', 'parent_not_synced');--> statement-breakpoint
CREATE TYPE "public"."psa_provider" AS ENUM('connectwise', 'autotask', 'halo');--> statement-breakpoint
CREATE TYPE "public"."record_kind" AS ENUM('organization', 'configuration', 'contact');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'manager', 'editor', 'readonly');--> statement-breakpoint
CREATE TYPE "public"."scope_dimension" AS ENUM('type', 'status');--> statement-breakpoint
CREATE TYPE "public"."scope_state" AS ENUM('enabled', 'excluded', 'paused', 'disconnected');--> statement-breakpoint
CREATE TYPE "public"."sync_run_status" AS ENUM('queued', 'running', 'succeeded', 'partial', 'failed', 'held', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."sync_trigger" AS ENUM('schedule', 'manual', 'cli', 'demo');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"trash_retention_days" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"last_used_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"user_agent" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"last_sign_in_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "configuration_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "configuration_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "configurations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"configuration_type_id" uuid,
	"configuration_status_id" uuid,
	"serial_number" text,
	"asset_tag" text,
	"hostname" text,
	"mac_address" text,
	"ip_address" text,
	"manufacturer" text,
	"model" text,
	"operating_system" text,
	"warranty_expires_on" date,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"full_name" text GENERATED ALWAYS AS (trim(first_name || ' ' || last_name)) STORED NOT NULL,
	"title" text,
	"contact_type_id" uuid,
	"email" text,
	"phone" text,
	"mobile" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"attached_to_kind" "attachment_kind",
	"attached_to_id" uuid,
	"title" text NOT NULL,
	"body_markdown" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"organization_type_id" uuid,
	"organization_status_id" uuid,
	"website" text,
	"phone" text,
	"address" text,
	"city" text,
	"region" text,
	"postal_code" text,
	"country" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "passwords" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"attached_to_kind" "attachment_kind",
	"attached_to_id" uuid,
	"name" text NOT NULL,
	"username" text,
	"secret_ciphertext" text NOT NULL,
	"url" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "psa_integrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"provider" "psa_provider" NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"credentials_ciphertext" text NOT NULL,
	"status" "integration_status" DEFAULT 'active' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "psa_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"kind" "record_kind" NOT NULL,
	"external_id" text NOT NULL,
	"record_id" uuid NOT NULL,
	"state" "link_state" DEFAULT 'syncing' NOT NULL,
	"orphan_reason" "orphan_reason",
	"orphaned_at" timestamp (3) with time zone,
	"psa_type_id" text,
	"psa_status_id" text,
	"psa_parent_id" text,
	"last_synced_at" timestamp (3) with time zone,
	"psa_updated_at" timestamp (3) with time zone,
	"payload_hash" text,
	"last_error_code" text,
	"last_error_message" text,
	"last_error_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"trigger" "sync_trigger" NOT NULL,
	"triggered_by_user_id" uuid,
	"full" boolean DEFAULT false NOT NULL,
	"status" "sync_run_status" DEFAULT 'queued' NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"heartbeat_at" timestamp (3) with time zone,
	"watermark" timestamp (3) with time zone,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"held_plan" jsonb,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_scopes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"kind" "record_kind" NOT NULL,
	"dimension" "scope_dimension" NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"state" "scope_state" DEFAULT 'enabled' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"trash_batch_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trash_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"restored_at" timestamp (3) with time zone,
	"purged_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trash_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"table_name" text NOT NULL,
	"row_id" uuid NOT NULL,
	"row" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_statuses" ADD CONSTRAINT "configuration_statuses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_types" ADD CONSTRAINT "configuration_types_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_types" ADD CONSTRAINT "contact_types_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_statuses" ADD CONSTRAINT "organization_statuses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_types" ADD CONSTRAINT "organization_types_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configurations" ADD CONSTRAINT "configurations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configurations" ADD CONSTRAINT "configurations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configurations" ADD CONSTRAINT "configurations_configuration_type_id_configuration_types_id_fk" FOREIGN KEY ("configuration_type_id") REFERENCES "public"."configuration_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configurations" ADD CONSTRAINT "configurations_configuration_status_id_configuration_statuses_id_fk" FOREIGN KEY ("configuration_status_id") REFERENCES "public"."configuration_statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_contact_type_id_contact_types_id_fk" FOREIGN KEY ("contact_type_id") REFERENCES "public"."contact_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_organization_type_id_organization_types_id_fk" FOREIGN KEY ("organization_type_id") REFERENCES "public"."organization_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_organization_status_id_organization_statuses_id_fk" FOREIGN KEY ("organization_status_id") REFERENCES "public"."organization_statuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passwords" ADD CONSTRAINT "passwords_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passwords" ADD CONSTRAINT "passwords_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "psa_integrations" ADD CONSTRAINT "psa_integrations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "psa_links" ADD CONSTRAINT "psa_links_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "psa_links" ADD CONSTRAINT "psa_links_integration_id_psa_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."psa_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_integration_id_psa_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."psa_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_triggered_by_user_id_users_id_fk" FOREIGN KEY ("triggered_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_scopes" ADD CONSTRAINT "sync_scopes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_scopes" ADD CONSTRAINT "sync_scopes_integration_id_psa_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."psa_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trash_batches" ADD CONSTRAINT "trash_batches_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trash_items" ADD CONSTRAINT "trash_items_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trash_items" ADD CONSTRAINT "trash_items_batch_id_trash_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."trash_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_name_key" ON "accounts" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_account_idx" ON "api_keys" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_account_idx" ON "users" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "configuration_statuses_account_name_key" ON "configuration_statuses" USING btree ("account_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "configuration_types_account_name_key" ON "configuration_types" USING btree ("account_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "contact_types_account_name_key" ON "contact_types" USING btree ("account_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "organization_statuses_account_name_key" ON "organization_statuses" USING btree ("account_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "organization_types_account_name_key" ON "organization_types" USING btree ("account_id",lower("name"));--> statement-breakpoint
CREATE INDEX "configurations_account_name_idx" ON "configurations" USING btree ("account_id","name","id");--> statement-breakpoint
CREATE INDEX "configurations_account_org_idx" ON "configurations" USING btree ("account_id","organization_id","name","id");--> statement-breakpoint
CREATE INDEX "configurations_account_type_idx" ON "configurations" USING btree ("account_id","configuration_type_id","name","id");--> statement-breakpoint
CREATE INDEX "configurations_account_status_idx" ON "configurations" USING btree ("account_id","configuration_status_id","name","id");--> statement-breakpoint
CREATE INDEX "configurations_account_updated_idx" ON "configurations" USING btree ("account_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "configurations_account_serial_idx" ON "configurations" USING btree ("account_id","organization_id","serial_number");--> statement-breakpoint
CREATE INDEX "configurations_name_trgm_idx" ON "configurations" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_account_name_idx" ON "contacts" USING btree ("account_id","full_name","id");--> statement-breakpoint
CREATE INDEX "contacts_account_org_idx" ON "contacts" USING btree ("account_id","organization_id","full_name","id");--> statement-breakpoint
CREATE INDEX "contacts_account_type_idx" ON "contacts" USING btree ("account_id","contact_type_id","full_name","id");--> statement-breakpoint
CREATE INDEX "contacts_account_updated_idx" ON "contacts" USING btree ("account_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "contacts_account_email_idx" ON "contacts" USING btree ("account_id","organization_id",lower("email"));--> statement-breakpoint
CREATE INDEX "contacts_full_name_trgm_idx" ON "contacts" USING gin ("full_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_email_trgm_idx" ON "contacts" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "documents_account_org_idx" ON "documents" USING btree ("account_id","organization_id","title","id");--> statement-breakpoint
CREATE INDEX "documents_account_title_idx" ON "documents" USING btree ("account_id","title","id");--> statement-breakpoint
CREATE INDEX "documents_account_updated_idx" ON "documents" USING btree ("account_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "documents_attached_idx" ON "documents" USING btree ("account_id","attached_to_kind","attached_to_id");--> statement-breakpoint
CREATE INDEX "documents_title_trgm_idx" ON "documents" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organizations_account_name_idx" ON "organizations" USING btree ("account_id","name","id");--> statement-breakpoint
CREATE INDEX "organizations_account_type_idx" ON "organizations" USING btree ("account_id","organization_type_id","name","id");--> statement-breakpoint
CREATE INDEX "organizations_account_status_idx" ON "organizations" USING btree ("account_id","organization_status_id","name","id");--> statement-breakpoint
CREATE INDEX "organizations_account_updated_idx" ON "organizations" USING btree ("account_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "organizations_name_trgm_idx" ON "organizations" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "passwords_account_org_idx" ON "passwords" USING btree ("account_id","organization_id","name","id");--> statement-breakpoint
CREATE INDEX "passwords_account_name_idx" ON "passwords" USING btree ("account_id","name","id");--> statement-breakpoint
CREATE INDEX "passwords_account_updated_idx" ON "passwords" USING btree ("account_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "passwords_attached_idx" ON "passwords" USING btree ("account_id","attached_to_kind","attached_to_id");--> statement-breakpoint
CREATE INDEX "passwords_name_trgm_idx" ON "passwords" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "psa_integrations_account_key" ON "psa_integrations" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "psa_links_external_key" ON "psa_links" USING btree ("integration_id","kind","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "psa_links_record_key" ON "psa_links" USING btree ("account_id","kind","record_id");--> statement-breakpoint
CREATE INDEX "psa_links_summary_type_idx" ON "psa_links" USING btree ("account_id","kind","psa_type_id","state");--> statement-breakpoint
CREATE INDEX "psa_links_summary_status_idx" ON "psa_links" USING btree ("account_id","kind","psa_status_id","state");--> statement-breakpoint
CREATE INDEX "psa_links_orphans_idx" ON "psa_links" USING btree ("account_id","kind","orphan_reason","orphaned_at") WHERE state = 'orphaned';--> statement-breakpoint
CREATE INDEX "psa_links_errors_idx" ON "psa_links" USING btree ("account_id","last_error_at") WHERE state = 'error';--> statement-breakpoint
CREATE INDEX "sync_runs_integration_idx" ON "sync_runs" USING btree ("integration_id","created_at");--> statement-breakpoint
CREATE INDEX "sync_runs_account_idx" ON "sync_runs" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_scopes_key" ON "sync_scopes" USING btree ("integration_id","kind","dimension","external_id");--> statement-breakpoint
CREATE INDEX "sync_scopes_account_idx" ON "sync_scopes" USING btree ("account_id","kind","dimension");--> statement-breakpoint
CREATE INDEX "audit_events_account_time_idx" ON "audit_events" USING btree ("account_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_account_action_idx" ON "audit_events" USING btree ("account_id","action","created_at");--> statement-breakpoint
CREATE INDEX "audit_events_account_actor_idx" ON "audit_events" USING btree ("account_id","actor_id","created_at");--> statement-breakpoint
CREATE INDEX "trash_batches_account_idx" ON "trash_batches" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "trash_batches_expiry_idx" ON "trash_batches" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "trash_items_batch_idx" ON "trash_items" USING btree ("batch_id","table_name");