import { inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { jobs } from "@/db/schema";

export type QueueStats = {
  queue: string;
  queued: number;
  running: number;
  failed: number;
  /** Seconds the longest-waiting due, unclaimed job has waited past its run_at; 0 when none. */
  oldestDueAgeSeconds: number;
};

/**
 * Per-queue counts for metrics and readiness. Both queries stay on indexes: the due index
 * covers queued/running, the finished index covers failed (retention bounds those rows).
 */
export async function queueStats(db: Executor): Promise<QueueStats[]> {
  const active = await db
    .select({
      queue: jobs.queue,
      queued: sql<number>`count(*) filter (where ${jobs.status} = 'queued')`.mapWith(Number),
      running: sql<number>`count(*) filter (where ${jobs.status} = 'running')`.mapWith(Number),
      // Due and not held by a live lock: waiting for a worker. A dead worker's job counts once its lock expires.
      oldest: sql<number>`coalesce(extract(epoch from now() - min(${jobs.runAt}) filter (where ${jobs.runAt} <= now() and (${jobs.lockedUntil} is null or ${jobs.lockedUntil} < now()))), 0)`.mapWith(
        Number,
      ),
    })
    .from(jobs)
    .where(inArray(jobs.status, ["queued", "running"]))
    .groupBy(jobs.queue);
  const failed = await db
    .select({ queue: jobs.queue, failed: sql<number>`count(*)`.mapWith(Number) })
    .from(jobs)
    .where(inArray(jobs.status, ["failed"]))
    .groupBy(jobs.queue);

  const byQueue = new Map<string, QueueStats>();
  const entry = (queue: string) => {
    let stats = byQueue.get(queue);
    if (!stats) byQueue.set(queue, (stats = { queue, queued: 0, running: 0, failed: 0, oldestDueAgeSeconds: 0 }));
    return stats;
  };
  for (const row of active) Object.assign(entry(row.queue), { queued: row.queued, running: row.running, oldestDueAgeSeconds: Math.max(0, row.oldest) });
  for (const row of failed) entry(row.queue).failed = row.failed;
  return [...byQueue.values()].sort((a, b) => a.queue.localeCompare(b.queue));
}
