ALTER TABLE "conversations" ADD COLUMN "last_message_direction" "message_direction";--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "last_message_author_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "contact_name_locked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_last_message_author_id_users_id_fk" FOREIGN KEY ("last_message_author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Backfill: the newest message of each live conversation (messages_thread_idx order) gives its direction and sender.
UPDATE "conversations" AS c
SET "last_message_direction" = m."direction", "last_message_author_id" = m."sender_user_id"
FROM (
  SELECT DISTINCT ON ("conversation_id") "conversation_id", "direction", "sender_user_id"
  FROM "messages"
  ORDER BY "conversation_id", "occurred_at" DESC, "id" DESC
) AS m
WHERE m."conversation_id" = c."id" AND c."deleted_at" IS NULL;
