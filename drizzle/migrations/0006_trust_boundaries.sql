CREATE TYPE "public"."cross_agency_change_status" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
CREATE TABLE "cross_agency_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subgraph_name" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"requested_by" uuid,
	"requested_by_name" text NOT NULL,
	"request" jsonb NOT NULL,
	"routing_url" text NOT NULL,
	"sdl_hash" text NOT NULL,
	"reaches" jsonb NOT NULL,
	"owner_agency_ids" uuid[] NOT NULL,
	"accepted_agency_ids" uuid[] DEFAULT '{}' NOT NULL,
	"status" "cross_agency_change_status" DEFAULT 'pending' NOT NULL,
	"decided_by_name" text,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "routing_url_prefixes" text[];--> statement-breakpoint
ALTER TABLE "cross_agency_changes" ADD CONSTRAINT "cross_agency_changes_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cross_agency_changes" ADD CONSTRAINT "cross_agency_changes_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cross_agency_changes_status_idx" ON "cross_agency_changes" USING btree ("status","created_at");