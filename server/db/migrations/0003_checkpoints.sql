CREATE TABLE "yjs_checkpoints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"up_to_id" bigint NOT NULL,
	"state" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "yjs_checkpoints" ADD CONSTRAINT "yjs_checkpoints_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "yjs_checkpoints_draft_idx" ON "yjs_checkpoints" USING btree ("draft_id","up_to_id");