import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/db/index";
import { jobs } from "@/db/schema";
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { JOBS_CHANNEL } from "@/lib/jobs/queue";
import { testJob } from "@/tests/support/jobs";

async function jobsIn(queue: string) {
  return (await getDb()).select().from(jobs).where(eq(jobs.queue, queue));
}

describe("Job.enqueue", () => {
  it("queues a job that is due now with the default attempts", async () => {
    const db = await getDb();
    expect(await testJob("test.plain").enqueue(db, { conversationId: "c1" })).toBe(true);

    const [job] = await jobsIn("test.plain");
    expect(job).toMatchObject({ status: "queued", attempts: 0, maxAttempts: 8, payload: { conversationId: "c1" } });
    expect(job.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it("creates no job when the transaction rolls back", async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await testJob("test.rolled-back").enqueue(tx, { n: 1 });
        throw new Error("the webhook failed after queueing");
      }),
    ).rejects.toThrow("the webhook failed after queueing");

    expect(await jobsIn("test.rolled-back")).toHaveLength(0);
  });

  it("creates one job for the same dedupe key queued twice", async () => {
    const db = await getDb();
    const dedupeJob = defineJob({ queue: "test.dedupe", payload: z.object({ n: z.number() }), dedupeKey: () => "notify:m1", handle: async () => {} });
    const first = await db.transaction((tx) => dedupeJob.enqueue(tx, { n: 1 }));
    const second = await dedupeJob.enqueue(db, { n: 2 });

    expect([first, second]).toEqual([true, false]);
    const queued = await jobsIn("test.dedupe");
    expect(queued).toHaveLength(1);
    expect(queued[0].payload).toEqual({ n: 1 });
  });

  it("keeps jobs without a dedupe key apart", async () => {
    const db = await getDb();
    const noKeyJob = testJob("test.no-key");
    await noKeyJob.enqueue(db, { n: 1 });
    await noKeyJob.enqueue(db, { n: 1 });

    expect(await jobsIn("test.no-key")).toHaveLength(2);
  });

  it("stores the run time and attempt limit it is given", async () => {
    const runAt = new Date(Date.now() + 3_600_000);
    await testJob("test.options", undefined, { maxAttempts: 3 }).enqueue(await getDb(), {}, { runAt });

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
          await testJob("test.wake-rolled-back").enqueue(tx, {});
          tx.rollback();
        }),
      ).rejects.toThrow();
      await handle.db.transaction((tx) => testJob("test.wake").enqueue(tx, {}));

      await expect.poll(() => woken).toEqual(["test.wake"]);
    } finally {
      await unlisten();
    }
  });

  it("refuses a payload its job's schema does not accept, and queues nothing", async () => {
    const typedJob = defineJob({ queue: "test.typed", payload: z.object({ messageId: z.uuid() }), handle: async () => {} });
    await expect(typedJob.enqueue(await getDb(), { messageId: "not-a-uuid" })).rejects.toThrow(/messageId/);

    expect(await jobsIn("test.typed")).toHaveLength(0);
  });
});
