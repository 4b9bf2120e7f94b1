-- Covering indexes for the evaluator's queries (measured at 10 million rows: one client's year
-- 9.1 s → 0.59 s; a month's totals, per-day and per-client aggregates become index-only).
-- drizzle-kit does not model INCLUDE columns, so this migration is written by hand; the client index
-- keeps its name, so the drizzle schema stays in step.
DROP INDEX IF EXISTS "access_log_client_time_idx";
--> statement-breakpoint
CREATE INDEX "access_log_client_time_idx" ON "access_log" USING btree ("client_id","occurred_at") INCLUDE ("outcome","duration_ms","coordinates");
--> statement-breakpoint
CREATE INDEX "access_log_time_cover_idx" ON "access_log" USING btree ("occurred_at") INCLUDE ("client_id","outcome","duration_ms","coordinates");
