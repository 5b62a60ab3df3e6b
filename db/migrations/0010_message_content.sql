CREATE TYPE "public"."message_kind" AS ENUM('text', 'location', 'sticker', 'contact', 'template', 'unsupported');--> statement-breakpoint
ALTER TYPE "public"."activity_kind" ADD VALUE 'referral';--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "last_message_kind" "message_kind" DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "kind" "message_kind" DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "payload" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reaction" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reply_to_provider_message_id" text;