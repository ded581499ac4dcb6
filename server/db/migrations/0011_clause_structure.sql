CREATE TABLE "structure_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"clause_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"log_id" bigint DEFAULT 0 NOT NULL,
	"by_user_id" uuid,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clauses" ALTER COLUMN "number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "clauses" ADD COLUMN "withdrawn_from" text;--> statement-breakpoint
ALTER TABLE "clauses" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "clauses" jsonb;--> statement-breakpoint
ALTER TABLE "structure_changes" ADD CONSTRAINT "structure_changes_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "structure_changes" ADD CONSTRAINT "structure_changes_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "structure_changes_draft_idx" ON "structure_changes" USING btree ("draft_id","id");