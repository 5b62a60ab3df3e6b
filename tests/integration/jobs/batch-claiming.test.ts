import { randomUUID } from "node:crypto";
import { setTimeout as sleep, setImmediate as yieldToOthers } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getDb } from "@/db/index";
import { jobs } from "@/db/schema";
import { runDueJobs } from "@/lib/jobs/worker";
import { testJob } from "@/tests/support/jobs";
import { log } from "@/lib/observability/log";
import { openSecondInstance } from "../../support/second-instance";

// On PostgreSQL the second worker has its own pool, as another instance would; PGlite shares one.
let secondInstance: DatabaseHandle | undefined;
beforeAll(async () => {
  if (process.env.DATABASE_URL) secondInstance = await openSecondInstance();
});
afterAll(async () => {
  await secondInstance?.close();
});

async function jobsOf(queue: string) {
  return (await getDb()).select().from(jobs).where(eq(jobs.queue, queue));
}

describe("batch claiming", () => {
  it("runs every job exactly once when two workers claim batches of 8 from several workspaces", async () => {
    const runsPerJob = new Map<number, number>();
    const raceJob = testJob("test.batch-race", async (payload) => {
      await yieldToOthers();
      const n = Number(payload.n);
      runsPerJob.set(n, (runsPerJob.get(n) ?? 0) + 1);
    });
    const workspaces = [randomUUID(), randomUUID(), randomUUID(), null];
    const total = 400;
    const db = await getDb();
    await db.transaction(async (tx) => {
      for (let n = 0; n < total; n++) await raceJob.enqueue(tx, { n }, { workspaceId: workspaces[n % 4] });
    });

    const options = { limit: total + 1, batchSize: 8 };
    const [first, second] = await Promise.all([
      runDueJobs(db, [raceJob], { ...options, workerId: "first" }),
      runDueJobs(secondInstance?.db ?? db, [raceJob], { ...options, workerId: "second" }),
    ]);

    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    expect(first + second).toBe(total);
    expect(runsPerJob.size).toBe(total);
    expect([...runsPerJob.values()].every((runs) => runs === 1)).toBe(true);
    const rows = await jobsOf("test.batch-race");
    expect(rows.every((job) => job.status === "done" && job.attempts === 1)).toBe(true);
  });

  it("loses nothing when a worker dies mid-batch: its unfinished jobs come back once their lock expires", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    let isCrashed = true;
    let freezeDeadWorker!: () => void;
    const deadWorkerFrozen = new Promise<void>((resolve) => (freezeDeadWorker = resolve));
    const runs: Array<{ n: number; attempt: number }> = [];
    const midBatchJob = testJob(
      "test.mid-batch",
      async (payload, { attempt }) => {
        const n = Number(payload.n);
        runs.push({ n, attempt });
        // The first worker finishes jobs 0 and 1 of its batch, then "dies" during 2 and 3:
        // they never settle (a dead process writes nothing).
        if (isCrashed && n >= 2) await deadWorkerFrozen;
      },
      { lockSeconds: 0.3 },
    );
    const db = await getDb();
    for (let n = 0; n < 4; n++) await midBatchJob.enqueue(db, { n });

    const deadWorker = runDueJobs(db, [midBatchJob], { limit: 4, batchSize: 4, workerId: "dead" });
    await expect.poll(() => runs.length).toBe(4);
    await expect.poll(async () => (await jobsOf("test.mid-batch")).filter((job) => job.status === "done").length).toBe(2);

    // While the lock holds, nobody else takes them.
    expect(await runDueJobs(secondInstance?.db ?? db, [midBatchJob], { workerId: "other" })).toBe(0);
    await sleep(450);
    isCrashed = false;
    expect(await runDueJobs(secondInstance?.db ?? db, [midBatchJob], { workerId: "other" })).toBe(2);

    const rows = await jobsOf("test.mid-batch");
    expect(rows.every((job) => job.status === "done")).toBe(true);
    const byN = new Map(rows.map((job) => [Number(job.payload.n), job.attempts]));
    expect([0, 1, 2, 3].map((n) => byN.get(n))).toEqual([1, 1, 2, 2]);
    expect(runs.filter((run) => run.n < 2)).toHaveLength(2);
    expect(runs.filter((run) => run.n >= 2).map((run) => run.attempt)).toEqual([1, 1, 2, 2]);

    // The dead worker "wakes up": its late outcome must not overwrite the takeover's.
    freezeDeadWorker();
    await deadWorker;
    expect((await jobsOf("test.mid-batch")).every((job) => job.status === "done" && job.attempts === byN.get(Number(job.payload.n)))).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ queue: "test.mid-batch" }), expect.stringContaining("outlasted its lock"));
  });
});
