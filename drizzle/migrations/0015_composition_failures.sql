CREATE TABLE "composition_failures" (
	"graph_id" uuid PRIMARY KEY NOT NULL,
	"failed_at" timestamp with time zone NOT NULL,
	"subgraph" text NOT NULL,
	"agency" text DEFAULT '' NOT NULL,
	"errors" jsonb NOT NULL,
	"error_count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "composition_failures" ADD CONSTRAINT "composition_failures_graph_id_graphs_id_fk" FOREIGN KEY ("graph_id") REFERENCES "public"."graphs"("id") ON DELETE cascade ON UPDATE no action;