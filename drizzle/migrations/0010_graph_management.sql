ALTER TABLE "graphs" DROP CONSTRAINT "graphs_name_unique";--> statement-breakpoint
ALTER TABLE "graphs" ADD COLUMN "excluded_theme_slugs" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "graphs" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subgraphs" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "supergraphs" ADD COLUMN "withdrawn" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "graphs_name_live_uq" ON "graphs" USING btree ("name") WHERE "graphs"."deleted_at" is null;