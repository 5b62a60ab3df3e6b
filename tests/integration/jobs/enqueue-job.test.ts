import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/db/index";
import { jobs } from "@/db/schema";
import { enqueueJob, JOBS_CHANNEL } from "@/lib/jobs/queue";

async function jobsIn(queue: string) {
  return (await getDb()).select().from(jobs).where(eq(jobs.queue, queue));
}

describe("enqueueJob", () => {
  it("queues a job that is due now with the default attempts", async () => {
    const db = await getDb();
    expect(await enqueueJob(db, "test.plain", { conversationId: "c1" })).toBe(true);

    const [job] = await jobsIn("test.plain");
    expect(job).toMatchObject({ status: "queued", attempts: 0, maxAttempts: 8, payload: { conversationId: "c1" } });
    expect(job.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it("creates no job when the transaction rolls back", async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await enqueueJob(tx, "test.rolled-back", { n: 1 });
        throw new Error("the webhook failed after queueing");
      }),
    ).rejects.toThrow("the webhook failed after queueing");

    expect(await jobsIn("test.rolled-back")).toHaveLength(0);
  });

  it("creates one job for the same dedupe key queued twice", async () => {
    const db = await getDb();
    const first = await db.transaction((tx) => enqueueJob(tx, "test.dedupe", { n: 1 }, { dedupeKey: "notify:m1" }));
    const second = await enqueueJob(db, "test.dedupe", { n: 2 }, { dedupeKey: "notify:m1" });

    expect([first, second]).toEqual([true, false]);
    const queued = await jobsIn("test.dedupe");
    expect(queued).toHaveLength(1);
    expect(queued[0].payload).toEqual({ n: 1 });
  });

  it("keeps jobs without a dedupe key apart", async () => {
    const db = await getDb();
    await enqueueJob(db, "test.no-key", { n: 1 });
    await enqueueJob(db, "test.no-key", { n: 1 });

    expect(await jobsIn("test.no-key")).toHaveLength(2);
  });

  it("stores the run time and attempt limit it is given", async () => {
    const runAt = new Date(Date.now() + 3_600_000);
    await enqueueJob(await getDb(), "test.options", {}, { runAt, maxAttempts: 3 });

    const [job] = await jobsIn("test.options");
    expect(job.runAt.getTime()).toBe(runAt.getTime());
    expect(job.maxAttempts).toBe(3);
  });

  it("wakes listening workers after commit and never after rollback", async () => {
    const handle = await getDatabaseHandle();
    const woken: string[] = [];
    const unlisten = await handle.listen(JOBS_CHANNEL, (queue) => woken.push(queue));
    try {
      await expect(
        handle.db.transaction(async (tx) => {
          await enqueueJob(tx, "test.wake-rolled-back", {});
          tx.rollback();
        }),
      ).rejects.toThrow();
      await handle.db.transaction((tx) => enqueueJob(tx, "test.wake", {}));

      await expect.poll(() => woken).toEqual(["test.wake"]);
    } finally {
      await unlisten();
    }
  });
});
