import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { jobs } from "@/db/schema";
import { currentRequestId } from "@/lib/observability/context";
import { deferJobInsert } from "@/lib/runtime/transaction-batch";

/** Lowercase on purpose: PGlite does not quote channel names. The payload is the queue name. */
export const JOBS_CHANNEL = "switchboard_jobs";

export type EnqueueOptions = {
  /** A second job with the same key is not created, e.g. a replayed webhook queues nothing new. */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  /** Whose work it is; claiming takes workspaces in turn (spec §15). Omit only for work of no workspace. */
  workspaceId?: string | null;
};

/**
 * Spec §15: sending a reply goes before notifications, emails and notes (lower runs first;
 * default 1). Auto-assignment too: it is one short transaction, and its notification waits for it.
 */
const QUEUE_PRIORITY: Record<string, number> = { "reply.send": 0, "conversation.auto-assign": 0 };

export function queuePriority(queue: string): number {
  return QUEUE_PRIORITY[queue] ?? 1;
}

/**
 * Queues a job in the caller's transaction, so it exists exactly when the data it is about
 * was committed. Returns false when a job with the same `dedupeKey` already exists (always
 * true inside `withBatchedWrites`, which decides duplicates at its end).
 */
export async function enqueueJob(
  executor: Executor,
  queue: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<boolean> {
  const job = {
    queue,
    payload,
    dedupeKey: options.dedupeKey,
    runAt: options.runAt,
    maxAttempts: options.maxAttempts,
    workspaceId: options.workspaceId ?? null,
    priority: queuePriority(queue),
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
