import { setTimeout as sleep } from "node:timers/promises";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/index";
import { jobs } from "@/db/schema";
import { APP_JOBS } from "@/lib/server/app-jobs";
import { PermanentJobError, type JobContext } from "@/lib/jobs/define-job";
import { runDueJobs } from "@/lib/jobs/worker";
import { captureLogs, log } from "@/lib/observability/log";
import { drainJobs, testJob } from "@/tests/support/jobs";

async function onlyJobIn(queue: string) {
  const found = await (await getDb()).select().from(jobs).where(eq(jobs.queue, queue));
  expect(found).toHaveLength(1);
  return found[0];
}

async function makeDueNow(queue: string) {
  await (await getDb()).update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.queue, queue));
}

/** A job its worker claimed and then died on: still `running`, lock expiring as given. */
async function insertAbandonedJob(queue: string, lock: { expiresInSeconds: number; attempts: number; maxAttempts?: number }) {
  await (await getDb()).insert(jobs).values({
    queue,
    payload: {},
    status: "running",
    attempts: lock.attempts,
    maxAttempts: lock.maxAttempts,
    runAt: sql`now() - interval '1 minute'`,
    lockedUntil: sql`now() + make_interval(secs => ${lock.expiresInSeconds})`,
  });
}

beforeEach(() => {
  vi.spyOn(log, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("runDueJobs", () => {
  it("runs a queued job once and marks it done", async () => {
    const seen: Array<[Record<string, unknown>, JobContext]> = [];
    const onceJob = testJob("test.once", async (payload, context) => {
      seen.push([payload, context]);
    });
    await onceJob.enqueue(await getDb(), { messageId: "m1" });

    expect(await runDueJobs(await getDb(), [onceJob])).toBe(1);
    expect(await runDueJobs(await getDb(), [onceJob])).toBe(0);

    const job = await onlyJobIn("test.once");
    expect(seen).toEqual([[{ messageId: "m1" }, { jobId: job.id, attempt: 1, maxAttempts: 8 }]]);
    expect(job).toMatchObject({ status: "done", attempts: 1, lockedUntil: null, lastError: null });
    expect(job.finishedAt).toBeInstanceOf(Date);
  });

  it("retries a failing job after its backoff and finishes it on the third attempt", async () => {
    const attempts: number[] = [];
    const flakyJob = testJob("test.flaky", async (_payload, { attempt }) => {
      attempts.push(attempt);
      if (attempt < 3) throw new Error(`provider timeout ${attempt}`);
    });
    await flakyJob.enqueue(await getDb(), {});
    const run = async () => runDueJobs(await getDb(), [flakyJob], { retryBaseMs: 60_000 });

    expect(await run()).toBe(1);
    let job = await onlyJobIn("test.flaky");
    expect(job).toMatchObject({ status: "queued", attempts: 1, lastError: "provider timeout 1", lockedUntil: null });
    // First retry: 2 × base, at least half of it with jitter.
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 55_000);
    expect(job.runAt.getTime()).toBeLessThan(Date.now() + 125_000);
    expect(await run()).toBe(0);

    await makeDueNow("test.flaky");
    expect(await run()).toBe(1);
    job = await onlyJobIn("test.flaky");
    expect(job).toMatchObject({ status: "queued", attempts: 2, lastError: "provider timeout 2" });
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 115_000);
    expect(await run()).toBe(0);

    await makeDueNow("test.flaky");
    expect(await run()).toBe(1);
    job = await onlyJobIn("test.flaky");
    expect(job.status).toBe("done");
    expect(job.attempts).toBe(3);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it("fails a job at once on a PermanentJobError and logs the reason", async () => {
    let calls = 0;
    const permanentJob = testJob("test.permanent", async () => {
      calls++;
      throw new PermanentJobError("payload has no messageId");
    });
    await permanentJob.enqueue(await getDb(), {});

    vi.mocked(log.error).mockRestore();
    const { lines } = await captureLogs(() => drainJobs({ jobs: [permanentJob], retryBaseMs: 0 }));

    const job = await onlyJobIn("test.permanent");
    expect(job).toMatchObject({ status: "failed", attempts: 1, lastError: "payload has no messageId", lockedUntil: null });
    expect(job.finishedAt).toBeInstanceOf(Date);
    expect(calls).toBe(1);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "error", msg: "job failed", jobId: job.id, err: expect.objectContaining({ message: "payload has no messageId" }) }),
    );
  });

  it("fails a job with its last error once maxAttempts are used up", async () => {
    let calls = 0;
    const exhaustedJob = testJob("test.exhausted", async () => {
      calls++;
      throw new Error(`provider down (${calls})`);
    }, { maxAttempts: 3 });
    await exhaustedJob.enqueue(await getDb(), {});

    expect(await drainJobs({ jobs: [exhaustedJob], retryBaseMs: 0 })).toBe(3);

    const job = await onlyJobIn("test.exhausted");
    expect(job).toMatchObject({ status: "failed", attempts: 3, lastError: "provider down (3)" });
    expect(calls).toBe(3);
  });

  it("takes over a job whose worker died and completes it once", async () => {
    let calls = 0;
    const crashedJob = testJob("test.crashed", async () => {
      calls++;
    });
    await insertAbandonedJob("test.crashed", { expiresInSeconds: -1, attempts: 1 });

    expect(await runDueJobs(await getDb(), [crashedJob])).toBe(1);
    expect(await runDueJobs(await getDb(), [crashedJob])).toBe(0);

    expect(calls).toBe(1);
    expect(await onlyJobIn("test.crashed")).toMatchObject({ status: "done", attempts: 2 });
  });

  it("leaves a running job alone while its lock holds", async () => {
    let calls = 0;
    const lockedJob = testJob("test.locked", async () => {
      calls++;
    });
    await insertAbandonedJob("test.locked", { expiresInSeconds: 60, attempts: 1 });

    expect(await runDueJobs(await getDb(), [lockedJob])).toBe(0);
    expect(calls).toBe(0);
    expect(await onlyJobIn("test.locked")).toMatchObject({ status: "running", attempts: 1 });
  });

  it("fails a job whose worker died during its last attempt instead of running it again", async () => {
    let calls = 0;
    const crashedLastJob = testJob("test.crashed-last", async () => {
      calls++;
    });
    await insertAbandonedJob("test.crashed-last", { expiresInSeconds: -1, attempts: 3, maxAttempts: 3 });

    expect(await runDueJobs(await getDb(), [crashedLastJob])).toBe(0);

    expect(calls).toBe(0);
    const job = await onlyJobIn("test.crashed-last");
    expect(job.status).toBe("failed");
    expect(job.lastError).toMatch(/stopped during attempt 3 of 3/);
  });

  it("keeps the outcome of the worker that took over from one whose lock expired", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    let releaseSlowRun!: () => void;
    const slowRunReleased = new Promise<void>((resolve) => (releaseSlowRun = resolve));
    const attempts: number[] = [];
    const slowJob = testJob("test.slow",
      async (_payload, { attempt }) => {
        attempts.push(attempt);
        if (attempt === 1) {
          await slowRunReleased;
          throw new Error("gave up late");
        }
      },
      { lockSeconds: 0.2 },
    );
    await slowJob.enqueue(await getDb(), {});

    const slowRun = runDueJobs(await getDb(), [slowJob]);
    await expect.poll(() => attempts).toEqual([1]);
    await sleep(400);
    expect(await runDueJobs(await getDb(), [slowJob])).toBe(1);
    releaseSlowRun();
    await slowRun;

    expect(attempts).toEqual([1, 2]);
    expect(await onlyJobIn("test.slow")).toMatchObject({ status: "done", attempts: 2, lastError: null });
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ queue: "test.slow", attempt: 1 }), expect.stringContaining("outlasted its lock"));
  });

  it("never claims jobs of a queue missing from the job list it is given", async () => {
    const unhandledJob = testJob("test.unhandled");
    await unhandledJob.enqueue(await getDb(), {});

    expect(await runDueJobs(await getDb(), [testJob("test.other")])).toBe(0);
    await runDueJobs(await getDb(), APP_JOBS);

    expect(await onlyJobIn("test.unhandled")).toMatchObject({ status: "queued", attempts: 0, lockedUntil: null });
  });
});

describe("drainJobs", () => {
  it("runs every due job, including ones queued by handlers, but not jobs scheduled later", async () => {
    const ran: string[] = [];
    const chainJob = testJob("test.chain", async (payload) => {
      ran.push(String(payload.step));
      if (payload.step === "first") await chainJob.enqueue(await getDb(), { step: "second" });
    });
    const db = await getDb();
    await chainJob.enqueue(db, { step: "first" });
    await chainJob.enqueue(db, { step: "later" }, { runAt: new Date(Date.now() + 3_600_000) });

    expect(await drainJobs({ jobs: [chainJob] })).toBe(2);
    expect(ran).toEqual(["first", "second"]);
  });

  it("stops with an error when handlers keep queueing due work", async () => {
    const foreverJob = testJob("test.forever", async () => {
      await foreverJob.enqueue(await getDb(), {});
    });
    await foreverJob.enqueue(await getDb(), {});

    await expect(drainJobs({ jobs: [foreverJob], maxJobs: 5 })).rejects.toThrow(/still due after 5 runs/);
  });
});
