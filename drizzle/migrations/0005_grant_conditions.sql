ALTER TABLE "approvals" ADD COLUMN "conditions" jsonb;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "conditions" jsonb DEFAULT '[]'::jsonb NOT NULL;