import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { jobs } from "@/db/schema";
import { currentRequestId } from "@/lib/observability/context";
import { deferJobInsert } from "@/db/transaction-batch";

/** Lowercase on purpose: PGlite does not quote channel names. The payload is the queue name. */
export const JOBS_CHANNEL = "switchboard_jobs";

export type InsertJobOptions = {
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  workspaceId?: string | null;
  priority: number;
};

/**
 * The row behind `Job.enqueue` (lib/jobs/define-job.ts), in the caller's transaction. Returns
 * false when a job with the same `dedupeKey` already exists (always true inside
 * `withBatchedWrites`, which decides duplicates at its end).
 */
export async function insertJob(executor: Executor, queue: string, payload: Record<string, unknown>, options: InsertJobOptions): Promise<boolean> {
  const job = {
    queue,
    payload,
    dedupeKey: options.dedupeKey,
    runAt: options.runAt,
    maxAttempts: options.maxAttempts,
    workspaceId: options.workspaceId ?? null,
    priority: options.priority,
    requestId: await currentRequestId(),
  };
  // Inside withBatchedWrites (webhook ingest) the insert joins the transaction's one multi-row
  // insert; a duplicate key is then skipped there, and this answers true.
  if (deferJobInsert(executor, job, JOBS_CHANNEL)) return true;
  const created = await executor
    .insert(jobs)
    .values(job)
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  if (created.length === 0) return false;
  // NOTIFY is held until commit (and dropped on rollback), so workers never wake for a job
  // they cannot see yet.
  await executor.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${queue})`);
  return true;
}
