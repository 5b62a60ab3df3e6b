import { sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { jobs } from "@/db/schema";

/**
 * Webhook ingest queues jobs and live events while it stores messages. Sent one by one, that
 * is a round trip per job and per NOTIFY inside the transaction; within `withBatchedWrites`
 * they are collected instead and written at its end: one multi-row insert for the jobs and one
 * statement for every NOTIFY (spec §16, issue 12). Outside it, both write immediately.
 */
type PendingJob = typeof jobs.$inferInsert;
type Batch = { jobs: PendingJob[]; notifies: Map<string, [channel: string, payload: string]> };

const batches = new WeakMap<object, Batch>();

/** Queues the NOTIFY in the open batch of `executor`, if any; returns false when there is none. */
export function deferNotify(executor: Executor, channel: string, payload: string): boolean {
  const batch = batches.get(executor);
  if (!batch) return false;
  // PostgreSQL folds identical notifications of one transaction anyway.
  batch.notifies.set(`${channel}\u0000${payload}`, [channel, payload]);
  return true;
}

/** Queues the job insert in the open batch of `executor`, if any; returns false when there is none. */
export function deferJobInsert(executor: Executor, job: PendingJob, wakeChannel: string): boolean {
  const batch = batches.get(executor);
  if (!batch) return false;
  batch.jobs.push(job);
  deferNotify(executor, wakeChannel, job.queue);
  return true;
}

export async function withBatchedWrites<T>(tx: Transaction, work: () => Promise<T>): Promise<T> {
  const batch: Batch = { jobs: [], notifies: new Map() };
  batches.set(tx, batch);
  let result: T;
  try {
    result = await work();
  } finally {
    batches.delete(tx);
  }
  // Sent together: postgres.js pipelines them on the connection, so the jobs and their
  // wake-ups cost one round trip, not two.
  const writes: Promise<unknown>[] = [];
  if (batch.jobs.length > 0) {
    // A dedupe key that already exists (a replayed webhook) creates nothing, as Job.enqueue does.
    writes.push(tx.insert(jobs).values(batch.jobs).onConflictDoNothing({ target: jobs.dedupeKey }));
  }
  if (batch.notifies.size > 0) {
    const calls = [...batch.notifies.values()].map(([channel, payload]) => sql`pg_notify(${channel}, ${payload})`);
    writes.push(tx.execute(sql`select ${sql.join(calls, sql`, `)}`));
  }
  await Promise.all(writes);
  return result;
}
