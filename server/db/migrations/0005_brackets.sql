CREATE TABLE "alternative_backings" (
	"group_id" uuid NOT NULL,
	"delegation_code" text NOT NULL,
	"alternative_id" uuid NOT NULL,
	"draft_id" uuid NOT NULL,
	"backed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"backed_by" uuid,
	CONSTRAINT "alternative_backings_group_id_delegation_code_pk" PRIMARY KEY("group_id","delegation_code")
);
--> statement-breakpoint
CREATE TABLE "alternatives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid NOT NULL,
	"clause_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"scope" text NOT NULL,
	"anchor_start" "bytea",
	"anchor_end" "bytea",
	"quote" text NOT NULL,
	"body" text NOT NULL,
	"note" text,
	"delegation_code" text,
	"proposed_by" uuid,
	"proposed_by_name" text NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_by_name" text,
	"decision_note" text,
	"replaced_text" text
);
--> statement-breakpoint
CREATE TABLE "brackets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid NOT NULL,
	"clause_id" uuid NOT NULL,
	"anchor_start" "bytea" NOT NULL,
	"anchor_end" "bytea" NOT NULL,
	"quote" text NOT NULL,
	"delegation_code" text,
	"proposed_by" uuid,
	"proposed_by_name" text NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid,
	"removed_by_name" text,
	"removed_by_delegation" text
);
--> statement-breakpoint
ALTER TABLE "alternative_backings" ADD CONSTRAINT "alternative_backings_delegation_code_delegations_code_fk" FOREIGN KEY ("delegation_code") REFERENCES "public"."delegations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternative_backings" ADD CONSTRAINT "alternative_backings_alternative_id_alternatives_id_fk" FOREIGN KEY ("alternative_id") REFERENCES "public"."alternatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternative_backings" ADD CONSTRAINT "alternative_backings_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternative_backings" ADD CONSTRAINT "alternative_backings_backed_by_users_id_fk" FOREIGN KEY ("backed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternatives" ADD CONSTRAINT "alternatives_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternatives" ADD CONSTRAINT "alternatives_clause_id_clauses_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clauses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternatives" ADD CONSTRAINT "alternatives_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alternatives" ADD CONSTRAINT "alternatives_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brackets" ADD CONSTRAINT "brackets_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brackets" ADD CONSTRAINT "brackets_clause_id_clauses_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clauses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brackets" ADD CONSTRAINT "brackets_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brackets" ADD CONSTRAINT "brackets_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alternative_backings_alt_idx" ON "alternative_backings" USING btree ("alternative_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alternatives_clause_number_idx" ON "alternatives" USING btree ("clause_id","number");--> statement-breakpoint
CREATE INDEX "alternatives_draft_idx" ON "alternatives" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "alternatives_group_idx" ON "alternatives" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "brackets_clause_idx" ON "brackets" USING btree ("clause_id","state");--> statement-breakpoint
CREATE INDEX "brackets_draft_idx" ON "brackets" USING btree ("draft_id");