-- Daily rollups of the access log (drizzle/schema/rollup.ts), and fewer indexes on access_log: the
-- aggregates read the rollups, so the per-graph, per-outcome and covering time indexes no longer pay
-- for their cost on every insert. The primary key (occurred_at, seq) serves time-ordered scans; the
-- client index loses its INCLUDE columns. Hand-amended: drizzle-kit models neither INCLUDE nor CHECK
-- on a text enum.
CREATE TABLE "access_log_daily" (
	"day" date NOT NULL,
	"client_id" uuid,
	"graph" text NOT NULL,
	"operation_hash" text,
	"operation_name" text,
	"outcome" "access_outcome" NOT NULL,
	"requests" bigint NOT NULL,
	"field_accesses" bigint NOT NULL,
	"off_hours" bigint NOT NULL,
	"agency_requests" bigint NOT NULL,
	"response_bytes" bigint NOT NULL,
	CONSTRAINT "access_log_daily_key" UNIQUE NULLS NOT DISTINCT("day","client_id","graph","operation_hash","operation_name","outcome")
);
--> statement-breakpoint
CREATE TABLE "access_log_daily_field" (
	"day" date NOT NULL,
	"client_id" uuid,
	"graph" text NOT NULL,
	"coordinate" text NOT NULL,
	"outcome" "access_outcome" NOT NULL,
	"refused" boolean NOT NULL,
	"requests" bigint NOT NULL,
	CONSTRAINT "access_log_daily_field_key" UNIQUE NULLS NOT DISTINCT("day","client_id","graph","coordinate","outcome","refused")
);
--> statement-breakpoint
CREATE TABLE "access_log_daily_latency" (
	"day" date NOT NULL,
	"client_id" uuid,
	"graph" text NOT NULL,
	"operation_hash" text,
	"operation_name" text,
	"outcome" "access_outcome" NOT NULL,
	"latency_bucket" smallint NOT NULL,
	"requests" bigint NOT NULL,
	CONSTRAINT "access_log_daily_latency_key" UNIQUE NULLS NOT DISTINCT("day","client_id","graph","operation_hash","operation_name","outcome","latency_bucket")
);
--> statement-breakpoint
CREATE TABLE "access_log_daily_subgraph" (
	"day" date NOT NULL,
	"client_id" uuid,
	"graph" text NOT NULL,
	"subgraph" text NOT NULL,
	"outcome" "access_outcome" NOT NULL,
	"records" bigint NOT NULL,
	"calls" bigint NOT NULL,
	"call_errors" bigint NOT NULL,
	CONSTRAINT "access_log_daily_subgraph_key" UNIQUE NULLS NOT DISTINCT("day","client_id","graph","subgraph","outcome")
);
--> statement-breakpoint
CREATE TABLE "access_log_daily_subgraph_latency" (
	"day" date NOT NULL,
	"client_id" uuid,
	"graph" text NOT NULL,
	"subgraph" text NOT NULL,
	"outcome" "access_outcome" NOT NULL,
	"kind" text NOT NULL,
	"latency_bucket" smallint NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "access_log_daily_subgraph_latency_kind" CHECK ("kind" IN ('record', 'call')),
	CONSTRAINT "access_log_daily_subgraph_latency_key" UNIQUE NULLS NOT DISTINCT("day","client_id","graph","subgraph","outcome","kind","latency_bucket")
);
--> statement-breakpoint
CREATE TABLE "access_log_rollup_state" (
	"name" text PRIMARY KEY NOT NULL,
	"rolled_up_seq" bigint NOT NULL
);
--> statement-breakpoint
DROP INDEX IF EXISTS "access_log_graph_time_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "access_log_outcome_time_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "access_log_time_cover_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "access_log_client_time_idx";
--> statement-breakpoint
CREATE INDEX "access_log_client_time_idx" ON "access_log" USING btree ("client_id","occurred_at");
