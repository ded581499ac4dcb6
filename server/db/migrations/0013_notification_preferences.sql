CREATE TABLE "email_digests" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"sent_up_to" timestamp with time zone NOT NULL,
	"last_sent_at" timestamp with time zone,
	"claimed_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"muted" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "silence_reminders" (
	"silence_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "silence_reminders_silence_id_stage_pk" PRIMARY KEY("silence_id","stage")
);
--> statement-breakpoint
ALTER TABLE "email_digests" ADD CONSTRAINT "email_digests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "silence_reminders" ADD CONSTRAINT "silence_reminders_silence_id_silence_procedures_id_fk" FOREIGN KEY ("silence_id") REFERENCES "public"."silence_procedures"("id") ON DELETE cascade ON UPDATE no action;