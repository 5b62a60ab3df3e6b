import { z } from "zod";
import type { Executor } from "@/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { purgeExpiredRows } from "./purge";
import { nextRetentionRun } from "./schedule";

/**
 * The daily purge. Idempotent: a second run finds nothing older than the cutoff. Long lock: a
 * first purge of a big installation may take minutes of small batches. Each run queues the next.
 */
export const retentionJob = defineJob({
  queue: "retention.purge",
  payload: z.object({}),
  // One job a day however many instances start: the key is the run's date.
  dedupeKey: (_payload, { runAt }) => `retention.purge:${runAt?.toISOString().slice(0, 10)}`,
  lockSeconds: 30 * 60,
  maxAttempts: 3,
  async handle(db) {
    await purgeExpiredRows(db, { days: getEnv().RETENTION_DAYS });
    await scheduleRetention(db);
  },
});

/** Makes sure the next daily purge is queued. Every instance calls it at start. */
export async function scheduleRetention(db: Executor, now = new Date()): Promise<void> {
  await retentionJob.enqueue(db, {}, { runAt: nextRetentionRun(now) });
}
