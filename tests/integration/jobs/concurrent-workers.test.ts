import { setImmediate as yieldToOthers } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getDb } from "@/db/index";
import { jobs } from "@/db/schema";
import { runDueJobs } from "@/lib/jobs/worker";
import { testJob } from "@/tests/support/jobs";
import { openSecondInstance } from "../../support/second-instance";

const JOB_COUNT = 200;

// On PostgreSQL the second worker has its own connection pool on the same database, as a
// second instance would; PGlite has one connection, so there the two workers share it.
let secondInstance: DatabaseHandle | undefined;
beforeAll(async () => {
  if (process.env.DATABASE_URL) secondInstance = await openSecondInstance();
});
afterAll(async () => {
  await secondInstance?.close();
});

describe("two workers racing over one queue", () => {
  it("handle every job exactly once", async () => {
    const runsPerJob = new Map<number, number>();
    const raceJob = testJob("test.race", async (payload) => {
      const n = Number(payload.n);
      await yieldToOthers();
      runsPerJob.set(n, (runsPerJob.get(n) ?? 0) + 1);
    });
    const db = await getDb();
    await db.transaction(async (tx) => {
      for (let n = 0; n < JOB_COUNT; n++) await raceJob.enqueue(tx, { n });
    });

    const limit = JOB_COUNT + 1;
    const [first, second] = await Promise.all([
      runDueJobs(db, [raceJob], { workerId: "first", limit }),
      runDueJobs(secondInstance?.db ?? db, [raceJob], { workerId: "second", limit }),
    ]);

    // Both took part, so the claims really raced.
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    expect(first + second).toBe(JOB_COUNT);
    expect(runsPerJob.size).toBe(JOB_COUNT);
    expect([...runsPerJob.values()].every((runs) => runs === 1)).toBe(true);
    const rows = await db.select().from(jobs).where(eq(jobs.queue, "test.race"));
    expect(rows.every((job) => job.status === "done" && job.attempts === 1)).toBe(true);
  });
});
