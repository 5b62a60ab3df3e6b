import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/db/index";
import { jobs } from "@/db/schema";
import { startJobWorker, stopJobWorker } from "@/lib/jobs/worker";
import { closeLiveStreams, trackLiveStream } from "@/lib/realtime/live-streams";
import { drainJobs, testJob } from "@/tests/support/jobs";

/** SPEC §15 shutdown, the worker's part: stop claiming, let running jobs finish, hand back what is still held. */

const STUCK = "test.shutdown.stuck";
const SLOW = "test.shutdown.slow";
let releaseStuck: () => void = () => {};
let stuckRuns = 0;
const stuckJob = testJob(STUCK, async () => {
  stuckRuns++;
  if (stuckRuns === 1) await new Promise<void>((resolve) => (releaseStuck = resolve));
});
const slowJob = testJob(SLOW, () => new Promise((resolve) => setTimeout(resolve, 150)));

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("stopping the job worker", () => {
  it("hands back a job still running when the grace period ends, at once and for any worker", async () => {
    const db = await getDb();
    await stuckJob.enqueue(db, {});
    await startJobWorker(await getDatabaseHandle(), [stuckJob, slowJob], { pollMs: 50, workerId: "test-worker-a" });
    await until(async () => (await db.select().from(jobs).where(eq(jobs.queue, STUCK)))[0]?.status === "running");
    const [claimed] = await db.select().from(jobs).where(eq(jobs.queue, STUCK));
    expect(claimed).toMatchObject({ status: "running", lockedBy: "test-worker-a", attempts: 1 });

    const started = Date.now();
    expect(await stopJobWorker({ graceMs: 300 })).toBe(1);
    expect(Date.now() - started).toBeLessThan(2_000);
    const [released] = await db.select().from(jobs).where(eq(jobs.queue, STUCK));
    // Due now, not after its 60 s lock: another worker takes it at once.
    expect(released).toMatchObject({ status: "queued", lockedBy: null, lockedUntil: null, attempts: 1 });
    expect(released!.runAt.getTime()).toBeLessThanOrEqual(Date.now());

    // The cut-short run ending later cannot record an outcome over the hand-back.
    releaseStuck();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await db.select().from(jobs).where(eq(jobs.queue, STUCK)))[0]!.status).toBe("queued");
    expect(await drainJobs({ jobs: [stuckJob] })).toBe(1);
    expect((await db.select().from(jobs).where(eq(jobs.queue, STUCK)))[0]).toMatchObject({ status: "done", attempts: 2 });
  });

  it("claims nothing more once stopping: running jobs finish, the rest stay queued and unclaimed", async () => {
    const db = await getDb();
    for (let i = 0; i < 12; i++) await slowJob.enqueue(db, { i });
    await startJobWorker(await getDatabaseHandle(), [stuckJob, slowJob], { pollMs: 50, concurrency: 2, workerId: "test-worker-b" });
    await until(async () => (await db.select().from(jobs).where(eq(jobs.queue, SLOW))).some((job) => job.status === "running"));

    expect(await stopJobWorker({ graceMs: 5_000 })).toBe(0);
    const rows = await db.select().from(jobs).where(eq(jobs.queue, SLOW));
    const done = rows.filter((job) => job.status === "done").length;
    expect(rows.filter((job) => job.status === "running")).toEqual([]);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(12);
    expect(rows.filter((job) => job.status === "queued").every((job) => job.attempts === 0)).toBe(true);
    await db.delete(jobs).where(inArray(jobs.queue, [SLOW]));
  });
});

describe("closing live streams", () => {
  it("ends every open stream with a retry hint of 1–3 s and forgets it", () => {
    const hints: number[] = [];
    const untrack: (() => void)[] = [];
    for (let i = 0; i < 3; i++) untrack.push(trackLiveStream({ close: (retryMs) => (hints.push(retryMs), untrack[i]!()) }));
    expect(closeLiveStreams()).toBe(3);
    expect(hints).toHaveLength(3);
    for (const hint of hints) {
      expect(hint).toBeGreaterThanOrEqual(1_000);
      expect(hint).toBeLessThan(3_000);
    }
    expect(closeLiveStreams()).toBe(0);
  });
});
