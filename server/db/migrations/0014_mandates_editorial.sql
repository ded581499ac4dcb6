CREATE TABLE "editorial_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid NOT NULL,
	"clause_id" uuid NOT NULL,
	"text_hash" text NOT NULL,
	"log_id" bigint NOT NULL,
	"note" text,
	"rebased" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid
);
--> statement-breakpoint
CREATE TABLE "mandates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid NOT NULL,
	"from_delegation" text NOT NULL,
	"to_delegation" text NOT NULL,
	"clause_ids" jsonb,
	"until" timestamp with time zone,
	"break_silence" boolean DEFAULT false NOT NULL,
	"note" text,
	"by_letter" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
ALTER TABLE "position_history" ADD COLUMN "stated_by" text;--> statement-breakpoint
ALTER TABLE "position_history" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "stated_by" text;--> statement-breakpoint
ALTER TABLE "editorial_marks" ADD CONSTRAINT "editorial_marks_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editorial_marks" ADD CONSTRAINT "editorial_marks_clause_id_clauses_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clauses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editorial_marks" ADD CONSTRAINT "editorial_marks_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_from_delegation_delegations_code_fk" FOREIGN KEY ("from_delegation") REFERENCES "public"."delegations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_to_delegation_delegations_code_fk" FOREIGN KEY ("to_delegation") REFERENCES "public"."delegations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "editorial_marks_clause_idx" ON "editorial_marks" USING btree ("clause_id");--> statement-breakpoint
CREATE INDEX "mandates_draft_idx" ON "mandates" USING btree ("draft_id","to_delegation");--> statement-breakpoint
-- Seeded positions were recorded with log id 0 ("the empty draft"), so that "See what changed"
-- compared the whole text with nothing: they were given on the seeded text, the draft's first update.
UPDATE "positions" SET "log_id" = (SELECT min(u."id") FROM "yjs_updates" u WHERE u."draft_id" = "positions"."draft_id")
  WHERE "log_id" = 0 AND EXISTS (SELECT 1 FROM "yjs_updates" u WHERE u."draft_id" = "positions"."draft_id");
