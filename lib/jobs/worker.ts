import { hostname } from "node:os";
import { and, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Database, DatabaseHandle } from "@/db/client";
import { jobs, type Job as StoredJob } from "@/db/schema";
import { log } from "@/lib/observability/log";
import { observeJob } from "./observe-job";
import { DEFAULT_LOCK_SECONDS, PermanentJobError, type AnyJob } from "./define-job";
import { JOBS_CHANNEL } from "./queue";

const DEFAULT_RETRY_BASE_MS = 1_000;
const MAX_RETRY_DELAY_MS = 5 * 60_000;
const JOBS_PER_PASS = 25;
const DEFAULT_CONCURRENCY = 4;
/**
 * A worker loop's jobs in flight. Jobs mostly wait (round trips, push services, the mail API),
 * so 4 left both cores idle while the queue grew: bench:sustained drained 69 jobs/s at 4 and
 * kept up at 16 (docs/jobs.md). A job holds a pooled connection only per statement (or for its
 * one transaction), so 16 share the 10-connection pool with the requests.
 */
const DEFAULT_LOOP_CONCURRENCY = 16;

/** The jobs one worker runs, by queue; a queue not in it is never claimed by that worker. */
type JobList = ReadonlyMap<string, AnyJob>;

function jobListOf(list: readonly AnyJob[]): JobList {
  const byQueue = new Map<string, AnyJob>();
  for (const job of list) {
    if (byQueue.has(job.queue)) throw new Error(`Two jobs share the queue "${job.queue}"`);
    byQueue.set(job.queue, job);
  }
  return byQueue;
}

export type RunDueJobsOptions = {
  /** Most jobs to run in this call (default 25). */
  limit?: number;
  /** Names this process in logs. */
  workerId?: string;
  /** First retry waits about 2 × this (default 1000 ms), doubling per attempt up to 5 minutes. */
  retryBaseMs?: number;
  /** Jobs claimed (and then run side by side) per claim; default 4. */
  batchSize?: number;
  /** Once aborted, no further job is claimed (the ones running finish): a worker shutting down. */
  signal?: AbortSignal;
};

/**
 * Claims due jobs of `jobList` in batches and runs each batch side by side, until none is due
 * or `limit` have run; returns how many ran. A second database handle lets a test act as
 * another instance.
 */
export async function runDueJobs(db: Database, jobList: readonly AnyJob[], options: RunDueJobsOptions = {}): Promise<number> {
  const byQueue = jobListOf(jobList);
  if (byQueue.size === 0) return 0;
  const limit = options.limit ?? JOBS_PER_PASS;
  const batchSize = options.batchSize ?? DEFAULT_CONCURRENCY;
  const workerId = options.workerId ?? defaultWorkerId();
  let ran = 0;
  while (ran < limit && !options.signal?.aborted) {
    const claimed = await claimDueJobs(db, byQueue, workerId, Math.min(batchSize, limit - ran));
    if (claimed.length === 0) break;
    await Promise.all(claimed.map((job) => runClaimedJob(db, byQueue, job, options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS)));
    ran += claimed.length;
  }
  return ran;
}

/**
 * The ids of up to `count` due jobs, locked (`FOR UPDATE SKIP LOCKED`), chosen fairly (spec
 * §15): lower priority first everywhere (replies before notifications, emails and notes);
 * within a priority the busy workspaces take turns — each one's oldest job, then each one's
 * second… — starting after the workspace this process served last (`cursor`), so across
 * claims every busy workspace gets its turn and a workspace with 10,000 queued jobs delays
 * another's next job by at most one job. The busy workspaces are found by a loose index scan
 * of jobs_fair_claim_idx, so the cost grows with their number, not with the backlog. Jobs of
 * no workspace take their turns as one more (the nil uuid).
 */
const NO_WORKSPACE = "00000000-0000-0000-0000-000000000000";
/** Per database handle (one per instance; tests open a second), the workspace served last. */
const claimCursors = new WeakMap<Database, string>();

function dueJobIds(queues: string[], count: number, cursor: string | undefined) {
  const queueList = sql`array[${sql.join(queues.map((queue) => sql`${queue}`), sql`, `)}]::text[]`;
  const isDue = sql`j.status in ('queued', 'running') and j.queue = any(${queueList}) and j.run_at <= now()
    and (j.locked_until is null or j.locked_until < now())`;
  return sql`
    with recursive busy as (
      (select j.workspace_id from jobs j
        where j.status in ('queued', 'running') and j.workspace_id is not null
        order by j.workspace_id limit 1)
      union all
      select (select j.workspace_id from jobs j
        where j.status in ('queued', 'running') and j.workspace_id > b.workspace_id
        order by j.workspace_id limit 1)
      from busy b where b.workspace_id is not null
    ),
    candidates as (
      select c.* from busy b cross join lateral (
        select j.id, j.workspace_id, j.priority, j.run_at from jobs j
        where j.workspace_id = b.workspace_id and ${isDue}
        order by j.priority, j.run_at limit ${count}
        for update skip locked
      ) c
      where b.workspace_id is not null
      union all
      select * from (
        select j.id, j.workspace_id, j.priority, j.run_at from jobs j
        where j.workspace_id is null and ${isDue}
        order by j.priority, j.run_at limit ${count}
        for update skip locked
      ) unowned
    )
    select id, fair_key, row_number() over (order by priority, turn, coalesce(fair_key <= ${cursor ?? null}::uuid, false), fair_key) as claim_order
    from (
      select id, priority, run_at, coalesce(workspace_id, ${NO_WORKSPACE}::uuid) as fair_key,
        row_number() over (partition by workspace_id, priority order by run_at) as turn
      from candidates
    ) ranked
    order by claim_order
    limit ${count}`;
}

/**
 * Claims up to `count` due jobs in one statement (one round trip, issue 12): `running`,
 * `attempts + 1`, locked for their job's lockSeconds, in the fair order they were picked in.
 * A picked job that already used its last attempt (its worker died during it) is failed in the
 * same update instead: a job that kills its worker on every run would otherwise be taken over
 * forever.
 */
async function claimDueJobs(db: Database, byQueue: JobList, workerId: string, count: number): Promise<StoredJob[]> {
  if (count <= 0) return [];
  const queues = [...byQueue.keys()];
  const diedOnLastAttempt = sql`(${jobs.status} = 'running' and ${jobs.attempts} >= ${jobs.maxAttempts})`;
  const unlessGivenUp = (claimed: SQL, givenUp: SQL) => sql`case when ${diedOnLastAttempt} then ${givenUp} else ${claimed} end`;
  const rows = await db
    .update(jobs)
    .set({
      status: sql`case when ${diedOnLastAttempt} then 'failed'::job_status else 'running'::job_status end`,
      attempts: unlessGivenUp(sql`${jobs.attempts} + 1`, sql`${jobs.attempts}`),
      lockedBy: unlessGivenUp(sql`${workerId}::text`, sql`${jobs.lockedBy}`),
      lockedUntil: unlessGivenUp(sql`now() + make_interval(secs => ${lockSecondsByQueue(byQueue)})`, sql`null`),
      finishedAt: unlessGivenUp(sql`${jobs.finishedAt}`, sql`now()`),
      lastError: unlessGivenUp(
        sql`${jobs.lastError}`,
        sql`'The worker stopped during attempt ' || ${jobs.attempts} || ' of ' || ${jobs.maxAttempts}`,
      ),
    })
    .from(sql`(${dueJobIds(queues, count, claimCursors.get(db))}) as picked`)
    .where(sql`${jobs.id} = picked.id`)
    .returning({ ...getTableColumns(jobs), fairKey: sql<string>`picked.fair_key`, claimOrder: sql<number>`picked.claim_order` });
  if (rows.length === 0) return [];
  rows.sort((a, b) => Number(a.claimOrder) - Number(b.claimOrder));
  claimCursors.set(db, rows.at(-1)!.fairKey);
  const claimed: StoredJob[] = [];
  for (const job of rows) {
    if (job.status === "failed") log.error({ workerId, queue: job.queue, jobId: job.id }, `job failed: ${job.lastError}`);
    else claimed.push(job);
  }
  return claimed;
}

/** `locked_until`'s length per claimed row: each queue's job lockSeconds. */
function lockSecondsByQueue(byQueue: JobList) {
  const custom = [...byQueue.values()].filter((job) => job.lockSeconds !== DEFAULT_LOCK_SECONDS);
  if (custom.length === 0) return sql`${DEFAULT_LOCK_SECONDS}::float8`;
  const whens = custom.map((job) => sql`when ${job.queue} then ${job.lockSeconds}::float8`);
  return sql`(case ${jobs.queue} ${sql.join(whens, sql` `)} else ${DEFAULT_LOCK_SECONDS}::float8 end)`;
}

async function runClaimedJob(db: Database, byQueue: JobList, job: StoredJob, retryBaseMs: number): Promise<void> {
  try {
    await observeJob(job, () => byQueue.get(job.queue)!.run(db, job.payload, { jobId: job.id, attempt: job.attempts, maxAttempts: job.maxAttempts }));
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

async function settleJob(db: Database, job: StoredJob, changes: PgUpdateSetSource<typeof jobs>): Promise<void> {
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
  /** Jobs running at once in this process (default JOB_WORKER_CONCURRENCY, else 16). */
  concurrency?: number;
  retryBaseMs?: number;
  workerId?: string;
};

type WorkerLoop = { stop(graceMs: number): Promise<number> };

const workerHolder = globalThis as { __switchboardJobWorker?: Promise<WorkerLoop> };

/**
 * Starts this process's worker loop once (later calls, hot reloads and double imports reuse
 * it). It claims due jobs when an enqueue NOTIFY arrives and every `pollMs`. Safe to run in
 * every instance: claims use `FOR UPDATE SKIP LOCKED`, so each job runs in one of them.
 */
export async function startJobWorker(handle: DatabaseHandle, jobList: readonly AnyJob[], options: StartJobWorkerOptions = {}): Promise<void> {
  const loop = (workerHolder.__switchboardJobWorker ??= createWorkerLoop(handle, jobListOf(jobList), options));
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

function concurrencyFromEnv(): number | undefined {
  const n = Number(process.env.JOB_WORKER_CONCURRENCY);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

async function createWorkerLoop(handle: DatabaseHandle, byQueue: JobList, options: StartJobWorkerOptions): Promise<WorkerLoop> {
  const concurrency = options.concurrency ?? concurrencyFromEnv() ?? DEFAULT_LOOP_CONCURRENCY;
  const workerId = options.workerId ?? defaultWorkerId();
  const retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  const { db } = handle;
  const running = new Set<Promise<void>>();
  let isStopping = false;
  let isClaiming = false;
  let isWakePending = false;

  const run = (job: StoredJob) => {
    const done: Promise<void> = runClaimedJob(db, byQueue, job, retryBaseMs)
      .catch((error: unknown) => log.error({ workerId, queue: job.queue, jobId: job.id, err: error }, "settling the job failed"))
      .finally(() => {
        running.delete(done);
        // Refill in batches once half the slots are free: one claim query serves several jobs,
        // and a job claimed now still starts within about one job's run time.
        if (running.size <= Math.floor(concurrency / 2)) wake();
      });
    running.add(done);
  };

  /** Claims into the free slots until they are full or nothing is due. One claim at a time per process. */
  const wake = () => {
    if (isStopping) return;
    if (isClaiming) {
      isWakePending = true;
      return;
    }
    isClaiming = true;
    void (async () => {
      try {
        for (;;) {
          isWakePending = false;
          const free = concurrency - running.size;
          if (free <= 0 || isStopping) break;
          const claimed = await claimDueJobs(db, byQueue, workerId, free);
          for (const job of claimed) run(job);
          if (claimed.length < free && !isWakePending) break;
        }
      } catch (error) {
        log.error({ workerId, err: error }, "claiming due jobs failed");
      } finally {
        isClaiming = false;
        if (isWakePending && running.size < concurrency) wake();
      }
    })();
  };

  const unlisten = await handle.listen(JOBS_CHANNEL, (queue) => {
    if (byQueue.has(queue)) wake();
  });
  const timer = setInterval(wake, options.pollMs ?? 1_000);
  wake();

  return {
    async stop(graceMs) {
      isStopping = true;
      clearInterval(timer);
      await unlisten();
      let graceTimer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        if (Number.isFinite(graceMs)) graceTimer = setTimeout(resolve, graceMs);
      });
      const allSettled = (async () => {
        while (running.size > 0) await Promise.all(running);
      })();
      await Promise.race([allSettled, graceOver]);
      clearTimeout(graceTimer);
      return releaseClaimedJobs(handle.db, workerId);
    },
  };
}
