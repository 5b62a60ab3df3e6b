ALTER TYPE "public"."activity_kind" ADD VALUE 'snoozed';--> statement-breakpoint
ALTER TYPE "public"."activity_kind" ADD VALUE 'unsnoozed';--> statement-breakpoint
ALTER TYPE "public"."activity_kind" ADD VALUE 'snooze_ended';--> statement-breakpoint
ALTER TYPE "public"."activity_kind" ADD VALUE 'woken_by_message';--> statement-breakpoint
ALTER TYPE "public"."activity_kind" ADD VALUE 'note';--> statement-breakpoint
DROP INDEX "conversations_app_unassigned_idx";--> statement-breakpoint
DROP INDEX "conversations_app_assignee_idx";--> statement-breakpoint
DROP INDEX "conversations_app_assigned_idx";--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "snoozed_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "conversations_app_snoozed_idx" ON "conversations" USING btree ("app_id","last_activity_at","id") WHERE "conversations"."deleted_at" is null and "conversations"."status" = 'open' and "conversations"."snoozed_until" is not null;--> statement-breakpoint
CREATE INDEX "conversations_app_unassigned_idx" ON "conversations" USING btree ("app_id","last_activity_at","id") WHERE "conversations"."deleted_at" is null and "conversations"."status" = 'open' and "conversations"."snoozed_until" is null and "conversations"."assignee_id" is null;--> statement-breakpoint
CREATE INDEX "conversations_app_assignee_idx" ON "conversations" USING btree ("app_id","assignee_id","last_activity_at","id") WHERE "conversations"."deleted_at" is null and "conversations"."status" = 'open' and "conversations"."snoozed_until" is null and "conversations"."assignee_id" is not null;--> statement-breakpoint
CREATE INDEX "conversations_app_assigned_idx" ON "conversations" USING btree ("app_id","last_activity_at","id","assignee_id") WHERE "conversations"."deleted_at" is null and "conversations"."status" = 'open' and "conversations"."snoozed_until" is null and "conversations"."assignee_id" is not null;