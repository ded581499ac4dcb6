CREATE TABLE "position_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"clause_id" uuid NOT NULL,
	"delegation_code" text NOT NULL,
	"from_position" text,
	"from_reservation" text,
	"to_position" text NOT NULL,
	"to_reservation" text,
	"note" text,
	"text_hash" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user_id" uuid,
	"by_name" text
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"draft_id" uuid NOT NULL,
	"clause_id" uuid NOT NULL,
	"delegation_code" text NOT NULL,
	"position" text NOT NULL,
	"reservation" text,
	"note" text,
	"text_hash" text NOT NULL,
	"log_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "positions_clause_id_delegation_code_pk" PRIMARY KEY("clause_id","delegation_code")
);
--> statement-breakpoint
CREATE TABLE "silence_procedures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid NOT NULL,
	"clause_ids" jsonb NOT NULL,
	"previous_statuses" jsonb NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"note" text,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"broken_by_delegation" text,
	"reason" text
);
--> statement-breakpoint
ALTER TABLE "clauses" ADD COLUMN "status_note" text;--> statement-breakpoint
ALTER TABLE "clauses" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clauses" ADD COLUMN "status_changed_by" uuid;--> statement-breakpoint
ALTER TABLE "position_history" ADD CONSTRAINT "position_history_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_history" ADD CONSTRAINT "position_history_clause_id_clauses_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clauses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_history" ADD CONSTRAINT "position_history_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_clause_id_clauses_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clauses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_delegation_code_delegations_code_fk" FOREIGN KEY ("delegation_code") REFERENCES "public"."delegations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "silence_procedures" ADD CONSTRAINT "silence_procedures_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "silence_procedures" ADD CONSTRAINT "silence_procedures_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "position_history_clause_idx" ON "position_history" USING btree ("clause_id","id");--> statement-breakpoint
CREATE INDEX "positions_draft_idx" ON "positions" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "silence_draft_idx" ON "silence_procedures" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "silence_running_idx" ON "silence_procedures" USING btree ("state","deadline");