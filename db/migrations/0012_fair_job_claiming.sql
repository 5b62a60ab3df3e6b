ALTER TABLE "jobs" ADD COLUMN "workspace_id" uuid;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "priority" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "jobs_fair_claim_idx" ON "jobs" USING btree ("workspace_id","priority","run_at") WHERE "jobs"."status" in ('queued', 'running');