ALTER TABLE "conversation_links" ADD COLUMN "person_note_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversation_links" ADD COLUMN "lead_note_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversation_links" ADD COLUMN "deal_note_started_at" timestamp with time zone;