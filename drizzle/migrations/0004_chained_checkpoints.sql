ALTER TABLE "chain_checkpoints" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "chain_checkpoints" ADD COLUMN "position" bigint;--> statement-breakpoint
ALTER TABLE "chain_checkpoints" ADD COLUMN "prev_checkpoint_hash" text;--> statement-breakpoint
ALTER TABLE "chain_checkpoints" ADD COLUMN "previous_key_id" text;--> statement-breakpoint
ALTER TABLE "chain_checkpoints" ADD COLUMN "transition_signature" text;--> statement-breakpoint
ALTER TABLE "chain_checkpoints" ADD CONSTRAINT "chain_checkpoints_chain_position_uq" UNIQUE("chain","position");