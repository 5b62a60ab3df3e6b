import { z } from "zod";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { APP_JOBS } from "@/lib/server/app-jobs";
import { defineJob, type AnyJob, type JobContext } from "@/lib/jobs/define-job";
import { runDueJobs, type RunDueJobsOptions } from "@/lib/jobs/worker";

export type DrainOptions = Omit<RunDueJobsOptions, "limit"> & {
  /** Defaults to the app's job list. */
  jobs?: readonly AnyJob[];
  /** Narrows `jobs` to these queues. */
  queues?: string[];
  db?: Database;
  maxJobs?: number;
};

/**
 * Runs due jobs one at a time until none is due. Jobs whose `run_at` is still ahead (including
 * retries waiting out their backoff) are not waited for.
 */
export async function drainJobs(options: DrainOptions = {}): Promise<number> {
  const { jobs = APP_JOBS, queues, db = await getDb(), maxJobs = 1_000, ...runOptions } = options;
  const selected = queues ? jobs.filter((job) => queues.includes(job.queue)) : jobs;
  let ran = 0;
  while (ran < maxJobs) {
    const count = await runDueJobs(db, selected, { ...runOptions, limit: 1 });
    if (count === 0) return ran;
    ran += count;
  }
  throw new Error(`drainJobs: jobs were still due after ${maxJobs} runs; does a handler keep queueing work?`);
}

/** One pass of the worker over the app's jobs (or `jobs`), as an instance runs it. */
export async function runJobs(options: Omit<DrainOptions, "maxJobs"> & { limit?: number } = {}): Promise<number> {
  const { jobs = APP_JOBS, queues, db = await getDb(), ...runOptions } = options;
  return runDueJobs(db, queues ? jobs.filter((job) => queues.includes(job.queue)) : jobs, runOptions);
}

type TestHandler = (payload: Record<string, unknown>, context: JobContext, db: Database) => Promise<void>;

/** A job of a test's own, taking any object payload. */
export function testJob(queue: string, handle: TestHandler = async () => {}, options: { lockSeconds?: number; maxAttempts?: number; priority?: number } = {}) {
  return defineJob({ queue, payload: z.record(z.string(), z.unknown()), handle: (db, payload, context) => handle(payload, context, db), ...options });
}
