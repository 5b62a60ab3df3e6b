CREATE TABLE "user_action_marks" (
	"user_id" uuid NOT NULL,
	"action" text NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_action_marks_user_id_action_pk" PRIMARY KEY("user_id","action")
);
--> statement-breakpoint
DROP INDEX "sign_in_failures_key_idx";--> statement-breakpoint
-- One row per failure becomes one counter per (email, client): the old rows cannot share a key.
DELETE FROM "sign_in_failures";--> statement-breakpoint
DROP INDEX "notes_person_idx";--> statement-breakpoint
DROP INDEX "notes_lead_idx";--> statement-breakpoint
DROP INDEX "notes_deal_idx";--> statement-breakpoint
ALTER TABLE "sign_in_failures" ADD COLUMN "email" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_failures" ADD COLUMN "failures" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_failures" ADD COLUMN "window_started_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "user_action_marks" ADD CONSTRAINT "user_action_marks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sign_in_failures_key" ON "sign_in_failures" USING btree ("key");--> statement-breakpoint
CREATE INDEX "sign_in_failures_email_idx" ON "sign_in_failures" USING btree ("email","failed_at");--> statement-breakpoint
CREATE INDEX "notes_person_idx" ON "notes" USING btree ("person_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "notes_lead_idx" ON "notes" USING btree ("lead_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "notes_deal_idx" ON "notes" USING btree ("deal_id","updated_at","id");