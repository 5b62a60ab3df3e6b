import type { Executor } from "@/db/client";
import { enqueueJob } from "@/lib/jobs/queue";

export const RETENTION_QUEUE = "retention.purge";
/** Quiet hours for most teams in Europe; the purge is batched anyway. */
const RUN_AT_UTC_HOUR = 3;

/** The next daily run strictly after `now`: 03:00 UTC. */
export function nextRetentionRun(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC_HOUR));
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/**
 * Makes sure the next daily purge is queued. Every instance calls it at start and each run
 * queues the next one; the dedupe key (the run's date) keeps it to one job a day however many
 * instances start.
 */
export async function scheduleRetention(db: Executor, now = new Date()): Promise<void> {
  const runAt = nextRetentionRun(now);
  await enqueueJob(db, RETENTION_QUEUE, {}, { runAt, dedupeKey: `${RETENTION_QUEUE}:${runAt.toISOString().slice(0, 10)}`, maxAttempts: 3 });
}
