import { hostname } from "node:os";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { getDatabaseHandle, getDb } from "@/db/index";
import { jobs, type Job } from "@/db/schema";
import { log } from "@/lib/log";
import { observeJob } from "./observe-job";
import { JOBS_CHANNEL } from "./queue";

export type JobContext = {
  jobId: string;
  /** 1 on the first run; counts runs cut short by a crash too. */
  attempt: number;
  maxAttempts: number;
};

export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>;

type RegisteredHandler = { handle: JobHandler; lockSeconds: number };

/**
 * A failure that retrying cannot fix (a malformed payload, a provider's final refusal): the
 * job fails at once with this message instead of using up its attempts.
 */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

const DEFAULT_LOCK_SECONDS = 60;
const DEFAULT_RETRY_BASE_MS = 1_000;
const MAX_RETRY_DELAY_MS = 5 * 60_000;
const JOBS_PER_PASS = 25;

// Kept on globalThis so a module evaluated twice (hot reload, separate server bundles)
// still shares one registry with the single worker loop.
const handlers: Map<string, RegisteredHandler> = ((
  globalThis as { __switchboardJobHandlers?: Map<string, RegisteredHandler> }
).__switchboardJobHandlers ??= new Map());

/**
 * Registers the handler for a queue; import the defining module from `lib/jobs/handlers.ts`.
 *
 * Handlers must be idempotent: a job runs again when its worker dies after the side effect
 * but before the job is marked done, or when a run outlasts `lockSeconds` (default 60) and
 * another worker takes the job over. Check what was already done (a stored provider id, a
 * sent-at column) before doing it. Throw to retry with backoff; throw `PermanentJobError`
 * to fail without retrying. Payloads come from the database: parse them, don't cast.
 */
export function defineJobHandler(
  queue: string,
  handle: JobHandler,
  options: { lockSeconds?: number } = {},
): void {
  handlers.set(queue, { handle, lockSeconds: options.lockSeconds ?? DEFAULT_LOCK_SECONDS });
}

function requireHandler(queue: string): RegisteredHandler {
  const handler = handlers.get(queue);
  if (!handler) throw new Error(`No job handler is registered for queue "${queue}"`);
  return handler;
}

export type RunDueJobsOptions = {
  /** Most jobs to run in this call (default 25). */
  limit?: number;
  /** Restricts the run to these queues; queues without a handler here are never claimed. */
  queues?: string[];
  /** Names this process in logs. */
  workerId?: string;
  /** First retry waits about 2 × this (default 1000 ms), doubling per attempt up to 5 minutes. */
  retryBaseMs?: number;
  /** Defaults to the process's database; a second handle lets a test act as another instance. */
  db?: Database;
  /** Once aborted, no further job is claimed (the one running finishes): a worker shutting down. */
  signal?: AbortSignal;
};

/** Claims and runs due jobs one by one until none is due or `limit` is reached; returns how many ran. */
export async function runDueJobs(options: RunDueJobsOptions = {}): Promise<number> {
  const queues = [...handlers.keys()].filter((queue) => !options.queues || options.queues.includes(queue));
  if (queues.length === 0) return 0;
  const db = options.db ?? (await getDb());
  const limit = options.limit ?? JOBS_PER_PASS;
  const workerId = options.workerId ?? defaultWorkerId();
  let ran = 0;
  while (ran < limit && !options.signal?.aborted) {
    const job = await claimNextJob(db, queues, workerId);
    if (job === "none_due") break;
    if (job === "gave_up") continue;
    await runClaimedJob(db, job, options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS);
    ran++;
  }
  return ran;
}

/**
 * Runs due jobs until none is due, for tests. Jobs whose `run_at` is still ahead (including
 * retries waiting out their backoff) are not waited for.
 */
export async function drainJobs(
  options: Omit<RunDueJobsOptions, "limit"> & { maxJobs?: number } = {},
): Promise<number> {
  const maxJobs = options.maxJobs ?? 1_000;
  let ran = 0;
  while (ran < maxJobs) {
    const count = await runDueJobs({ ...options, limit: 1 });
    if (count === 0) return ran;
    ran += count;
  }
  throw new Error(`drainJobs: jobs were still due after ${maxJobs} runs; does a handler keep queueing work?`);
}

async function claimNextJob(
  db: Database,
  queues: string[],
  workerId: string,
): Promise<Job | "none_due" | "gave_up"> {
  return db.transaction(async (tx) => {
    // A `running` job whose lock has expired belongs to a worker that died: take it over.
    const [due] = await tx
      .select()
      .from(jobs)
      .where(
        and(
          inArray(jobs.status, ["queued", "running"]),
          inArray(jobs.queue, queues),
          lte(jobs.runAt, sql`now()`),
          or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, sql`now()`)),
        ),
      )
      .orderBy(asc(jobs.runAt))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!due) return "none_due";

    // A job that kills its worker on every run would otherwise be taken over forever.
    if (due.status === "running" && due.attempts >= due.maxAttempts) {
      const lastError = `The worker stopped during attempt ${due.attempts} of ${due.maxAttempts}`;
      await tx
        .update(jobs)
        .set({ status: "failed", lockedUntil: null, finishedAt: sql`now()`, lastError })
        .where(eq(jobs.id, due.id));
      log.error({ workerId, queue: due.queue, jobId: due.id }, `job failed: ${lastError}`);
      return "gave_up";
    }

    const { lockSeconds } = requireHandler(due.queue);
    const [claimed] = await tx
      .update(jobs)
      .set({
        status: "running",
        attempts: sql`${jobs.attempts} + 1`,
        lockedBy: workerId,
        lockedUntil: sql`now() + make_interval(secs => ${lockSeconds})`,
      })
      .where(eq(jobs.id, due.id))
      .returning();
    return claimed;
  });
}

async function runClaimedJob(db: Database, job: Job, retryBaseMs: number): Promise<void> {
  try {
    await observeJob(job, () =>
      requireHandler(job.queue).handle(job.payload, { jobId: job.id, attempt: job.attempts, maxAttempts: job.maxAttempts }),
    );
  } catch (error) {
    const lastError = error instanceof Error ? error.message : String(error);
    if (error instanceof PermanentJobError || job.attempts >= job.maxAttempts) {
      await settleJob(db, job, { status: "failed", lockedUntil: null, finishedAt: sql`now()`, lastError });
    } else {
      const delaySeconds = retryDelayMs(job.attempts, retryBaseMs) / 1000;
      await settleJob(db, job, {
        status: "queued",
        lockedUntil: null,
        runAt: sql`now() + make_interval(secs => ${delaySeconds})`,
        lastError,
      });
    }
    return;
  }
  await settleJob(db, job, { status: "done", lockedUntil: null, finishedAt: sql`now()` });
}

async function settleJob(db: Database, job: Job, changes: PgUpdateSetSource<typeof jobs>): Promise<void> {
  // Matching on attempts keeps a worker whose lock expired from overwriting the outcome of
  // the worker that took the job over.
  const settled = await db
    .update(jobs)
    .set(changes)
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.attempts)))
    .returning({ id: jobs.id });
  if (settled.length === 0) {
    log.warn(
      { queue: job.queue, jobId: job.id, attempt: job.attempts },
      "the run outlasted its lock (or was handed back) and the job was taken over; its outcome is not recorded",
    );
  }
}

/** Exponential with "equal jitter": at least half the step, so a burst of failures spreads out. */
function retryDelayMs(attempt: number, baseMs: number): number {
  const step = Math.min(baseMs * 2 ** attempt, MAX_RETRY_DELAY_MS);
  return step / 2 + Math.random() * (step / 2);
}

function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}`;
}

export type StartJobWorkerOptions = {
  /** Fallback poll for retries coming due and missed notifications (default 1000 ms). */
  pollMs?: number;
  /** Passes claiming jobs at the same time (default 2). */
  concurrency?: 1 | 2;
  retryBaseMs?: number;
  workerId?: string;
};

type WorkerLoop = { stop(graceMs: number): Promise<number> };

const workerHolder = globalThis as { __switchboardJobWorker?: Promise<WorkerLoop> };

/**
 * Starts this process's worker loop once (later calls, hot reloads and double imports reuse
 * it). It runs due jobs when an enqueue NOTIFY arrives and every `pollMs`. Safe to run in
 * every instance: claims use `FOR UPDATE SKIP LOCKED`, so each job runs in one of them.
 */
export async function startJobWorker(options: StartJobWorkerOptions = {}): Promise<void> {
  const loop = (workerHolder.__switchboardJobWorker ??= createWorkerLoop(options));
  loop.catch(() => {
    if (workerHolder.__switchboardJobWorker === loop) workerHolder.__switchboardJobWorker = undefined;
  });
  await loop;
}

/**
 * Stops claiming new jobs and waits for the ones in flight, at most `graceMs` (default: as long
 * as they take); jobs this worker still holds then are handed back. Returns how many were.
 */
export async function stopJobWorker(options: { graceMs?: number } = {}): Promise<number> {
  const loop = workerHolder.__switchboardJobWorker;
  workerHolder.__switchboardJobWorker = undefined;
  return loop ? (await loop).stop(options.graceMs ?? Infinity) : 0;
}

/** Whether this process's worker loop is running (readiness, SPEC §15). */
export function isJobWorkerRunning(): boolean {
  return workerHolder.__switchboardJobWorker !== undefined;
}

/**
 * Hands back every job `workerId` still holds (claimed, not settled): queued again at once,
 * for any worker. The attempt stays counted, as for a crash. A run still going afterwards
 * cannot record its outcome (settleJob matches `running`), so the next run decides.
 */
export async function releaseClaimedJobs(db: Database, workerId: string): Promise<number> {
  const released = await db
    .update(jobs)
    .set({ status: "queued", lockedUntil: null, lockedBy: null, runAt: sql`now()` })
    .where(and(eq(jobs.status, "running"), eq(jobs.lockedBy, workerId)))
    .returning({ id: jobs.id });
  return released.length;
}

async function createWorkerLoop(options: StartJobWorkerOptions): Promise<WorkerLoop> {
  const concurrency = options.concurrency ?? 2;
  const workerId = options.workerId ?? defaultWorkerId();
  const passes = new Set<Promise<void>>();
  const stopping = new AbortController();
  let isWakePending = false;

  const wake = () => {
    if (stopping.signal.aborted) return;
    if (passes.size >= concurrency) {
      isWakePending = true;
      return;
    }
    const pass: Promise<void> = runDueJobs({ limit: JOBS_PER_PASS, workerId, retryBaseMs: options.retryBaseMs, signal: stopping.signal })
      .then((ran) => {
        if (ran === JOBS_PER_PASS) isWakePending = true;
      })
      .catch((error: unknown) => log.error({ workerId, err: error }, "running due jobs failed"))
      .finally(() => {
        passes.delete(pass);
        if (isWakePending) {
          isWakePending = false;
          wake();
        }
      });
    passes.add(pass);
  };

  const handle = await getDatabaseHandle();
  const unlisten = await handle.listen(JOBS_CHANNEL, (queue) => {
    if (handlers.has(queue)) wake();
  });
  const timer = setInterval(wake, options.pollMs ?? 1_000);
  wake();

  return {
    async stop(graceMs) {
      stopping.abort();
      clearInterval(timer);
      await unlisten();
      let graceTimer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        if (Number.isFinite(graceMs)) graceTimer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.all(passes), graceOver]);
      clearTimeout(graceTimer);
      return releaseClaimedJobs(handle.db, workerId);
    },
  };
}
