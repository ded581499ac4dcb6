CREATE TABLE "history_deletions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"client" bigint NOT NULL,
	"clock_start" integer NOT NULL,
	"clock_end" integer NOT NULL,
	"user_id" uuid,
	"delegation_code" text,
	"log_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "history_edits" (
	"log_id" bigint PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"session_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"deleted" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "history_insertions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"client" bigint NOT NULL,
	"clock_start" integer NOT NULL,
	"clock_end" integer NOT NULL,
	"user_id" uuid,
	"delegation_code" text,
	"session_id" bigint NOT NULL,
	"log_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "history_sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"user_id" uuid,
	"delegation_code" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"clause_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"deleted" integer DEFAULT 0 NOT NULL,
	"edits" integer DEFAULT 0 NOT NULL,
	"first_log_id" bigint NOT NULL,
	"last_log_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "history_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"up_to_id" bigint NOT NULL,
	"state" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "history_state" (
	"draft_id" uuid PRIMARY KEY NOT NULL,
	"indexed_up_to" bigint DEFAULT 0 NOT NULL,
	"snapshot_up_to" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"up_to_id" bigint NOT NULL,
	"state" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "history_deletions" ADD CONSTRAINT "history_deletions_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_edits" ADD CONSTRAINT "history_edits_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_insertions" ADD CONSTRAINT "history_insertions_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_sessions" ADD CONSTRAINT "history_sessions_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_snapshots" ADD CONSTRAINT "history_snapshots_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_state" ADD CONSTRAINT "history_state_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "history_deletions_client_idx" ON "history_deletions" USING btree ("draft_id","client","clock_start");--> statement-breakpoint
CREATE INDEX "history_edits_draft_at_idx" ON "history_edits" USING btree ("draft_id","at","log_id");--> statement-breakpoint
CREATE INDEX "history_insertions_client_idx" ON "history_insertions" USING btree ("draft_id","client","clock_end");--> statement-breakpoint
CREATE INDEX "history_sessions_draft_end_idx" ON "history_sessions" USING btree ("draft_id","ended_at","id");--> statement-breakpoint
CREATE INDEX "history_sessions_author_idx" ON "history_sessions" USING btree ("draft_id","user_id","ended_at");--> statement-breakpoint
CREATE UNIQUE INDEX "history_snapshots_draft_up_to_idx" ON "history_snapshots" USING btree ("draft_id","up_to_id");--> statement-breakpoint
CREATE UNIQUE INDEX "revisions_draft_number_idx" ON "revisions" USING btree ("draft_id","number");--> statement-breakpoint
CREATE INDEX "revisions_draft_up_to_idx" ON "revisions" USING btree ("draft_id","up_to_id");