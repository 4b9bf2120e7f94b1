CREATE TYPE "public"."access_request_item_status" AS ENUM('pending', 'granted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."access_request_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."approval_decision" AS ENUM('approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."grant_decision_kind" AS ENUM('granted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('administrator', 'publisher', 'requester', 'evaluator');--> statement-breakpoint
CREATE TYPE "public"."classification" AS ENUM('publik', 'terbatas', 'rahasia');--> statement-breakpoint
CREATE TYPE "public"."access_outcome" AS ENUM('ok', 'partial', 'denied', 'error', 'unauthenticated');--> statement-breakpoint
CREATE TABLE "access_request_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"coordinate" text NOT NULL,
	"subgraph_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"status" "access_request_item_status" DEFAULT 'pending' NOT NULL,
	CONSTRAINT "access_request_items_request_coordinate_uq" UNIQUE("request_id","coordinate")
);
--> statement-breakpoint
CREATE TABLE "access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"graph_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"legal_basis" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"quota_per_day" integer,
	"status" "access_request_status" DEFAULT 'pending' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"decision" "approval_decision" NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approvals_request_id_unique" UNIQUE("request_id")
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_id" uuid NOT NULL,
	"name" text NOT NULL,
	"agency_id" uuid,
	"organization" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"grants_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credentials_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "grant_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"decision" "grant_decision_kind" NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_decisions_request_agency_uq" UNIQUE("request_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"graph_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"coordinate" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"quota_per_day" integer,
	"granted_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agencies_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "themes_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "user_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_tokens_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"role" "user_role" NOT NULL,
	"agency_id" uuid,
	"organization" text DEFAULT '' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "field_metadata" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subgraph_id" uuid NOT NULL,
	"coordinate" text NOT NULL,
	"type_name" text NOT NULL,
	"field_name" text NOT NULL,
	"return_type" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"classification" "classification" DEFAULT 'terbatas' NOT NULL,
	"personal_data" boolean DEFAULT false NOT NULL,
	"edited" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_metadata_subgraph_coordinate_uq" UNIQUE("subgraph_id","coordinate")
);
--> statement-breakpoint
CREATE TABLE "graphs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"theme_slugs" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "graphs_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "schema_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subgraph_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"sdl" text NOT NULL,
	"sdl_hash" text NOT NULL,
	"routing_url" text NOT NULL,
	"author_id" uuid,
	"check_report" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"diff_text" text DEFAULT '' NOT NULL,
	"override_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schema_versions_subgraph_version_uq" UNIQUE("subgraph_id","version")
);
--> statement-breakpoint
CREATE TABLE "subgraphs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"routing_url" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subgraphs_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "supergraphs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"graph_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"supergraph_sdl" text NOT NULL,
	"api_schema_sdl" text NOT NULL,
	"sdl_hash" text NOT NULL,
	"schema_version_ids" uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supergraphs_graph_version_uq" UNIQUE("graph_id","version")
);
--> statement-breakpoint
CREATE TABLE "access_log" (
	"seq" bigint NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"request_id" text NOT NULL,
	"client_id" uuid,
	"credential_id" uuid,
	"graph" text DEFAULT '' NOT NULL,
	"operation_name" text,
	"operation_hash" text,
	"variables" jsonb,
	"lookup_hashes" text[] DEFAULT '{}' NOT NULL,
	"coordinates" text[] DEFAULT '{}' NOT NULL,
	"denied_coordinates" text[] DEFAULT '{}' NOT NULL,
	"subgraph_names" text[] DEFAULT '{}' NOT NULL,
	"subgraph_calls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" "access_outcome" NOT NULL,
	"error_code" text,
	"duration_ms" integer NOT NULL,
	"response_bytes" integer DEFAULT 0 NOT NULL,
	"client_address" text DEFAULT '' NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "access_log_pk" PRIMARY KEY("occurred_at","seq")
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
-- drizzle-kit does not model partitions: the access log is range-partitioned by month (monthly
-- partitions are created ahead of time by the log writer); the default partition catches the rest.
CREATE TABLE "access_log_default" PARTITION OF "access_log" DEFAULT;
--> statement-breakpoint
CREATE TABLE "chain_checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chain" text NOT NULL,
	"seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_checkpoints_chain_seq_uq" UNIQUE("chain","seq")
);
--> statement-breakpoint
CREATE TABLE "chain_heads" (
	"chain" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operations" (
	"hash" text PRIMARY KEY NOT NULL,
	"operation_name" text,
	"document" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_trail" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"agency_id" uuid,
	"reason" text DEFAULT '' NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_request_items" ADD CONSTRAINT "access_request_items_request_id_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."access_requests"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_request_items" ADD CONSTRAINT "access_request_items_subgraph_id_subgraphs_id_fk" FOREIGN KEY ("subgraph_id") REFERENCES "public"."subgraphs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_request_items" ADD CONSTRAINT "access_request_items_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_graph_id_graphs_id_fk" FOREIGN KEY ("graph_id") REFERENCES "public"."graphs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_request_id_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."access_requests"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_decisions" ADD CONSTRAINT "grant_decisions_request_id_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."access_requests"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_decisions" ADD CONSTRAINT "grant_decisions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_decisions" ADD CONSTRAINT "grant_decisions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_request_id_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."access_requests"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_item_id_access_request_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."access_request_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_graph_id_graphs_id_fk" FOREIGN KEY ("graph_id") REFERENCES "public"."graphs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_metadata" ADD CONSTRAINT "field_metadata_subgraph_id_subgraphs_id_fk" FOREIGN KEY ("subgraph_id") REFERENCES "public"."subgraphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schema_versions" ADD CONSTRAINT "schema_versions_subgraph_id_subgraphs_id_fk" FOREIGN KEY ("subgraph_id") REFERENCES "public"."subgraphs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schema_versions" ADD CONSTRAINT "schema_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subgraphs" ADD CONSTRAINT "subgraphs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subgraphs" ADD CONSTRAINT "subgraphs_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supergraphs" ADD CONSTRAINT "supergraphs_graph_id_graphs_id_fk" FOREIGN KEY ("graph_id") REFERENCES "public"."graphs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_request_items_agency_idx" ON "access_request_items" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "access_requests_client_idx" ON "access_requests" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "access_requests_status_idx" ON "access_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "clients_requester_idx" ON "clients" USING btree ("requester_id");--> statement-breakpoint
CREATE INDEX "credentials_client_idx" ON "credentials" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "grants_client_graph_idx" ON "grants" USING btree ("client_id","graph_id");--> statement-breakpoint
CREATE INDEX "grants_coordinate_idx" ON "grants" USING btree ("coordinate");--> statement-breakpoint
CREATE INDEX "user_tokens_user_idx" ON "user_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_agency_idx" ON "users" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "field_metadata_coordinate_idx" ON "field_metadata" USING btree ("coordinate");--> statement-breakpoint
CREATE INDEX "subgraphs_agency_idx" ON "subgraphs" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "subgraphs_theme_idx" ON "subgraphs" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "access_log_client_time_idx" ON "access_log" USING btree ("client_id","occurred_at");--> statement-breakpoint
CREATE INDEX "access_log_graph_time_idx" ON "access_log" USING btree ("graph","occurred_at");--> statement-breakpoint
CREATE INDEX "access_log_outcome_time_idx" ON "access_log" USING btree ("outcome","occurred_at");--> statement-breakpoint
CREATE INDEX "access_log_operation_idx" ON "access_log" USING btree ("operation_hash");--> statement-breakpoint
CREATE INDEX "access_log_seq_idx" ON "access_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "access_log_coordinates_gin" ON "access_log" USING gin ("coordinates");--> statement-breakpoint
CREATE INDEX "access_log_lookup_gin" ON "access_log" USING gin ("lookup_hashes");--> statement-breakpoint
CREATE INDEX "access_log_subgraphs_gin" ON "access_log" USING gin ("subgraph_names");--> statement-breakpoint
CREATE INDEX "admin_trail_subject_idx" ON "admin_trail" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "admin_trail_time_idx" ON "admin_trail" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "admin_trail_actor_idx" ON "admin_trail" USING btree ("actor_id");