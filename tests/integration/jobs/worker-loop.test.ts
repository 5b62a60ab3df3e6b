import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { jobs } from "@/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import { defineJobHandler, startJobWorker, stopJobWorker } from "@/lib/jobs/worker";

async function statusOf(queue: string) {
  const [job] = await (await getDb()).select().from(jobs).where(eq(jobs.queue, queue));
  return job?.status;
}

afterEach(async () => {
  await stopJobWorker();
});

describe("the job worker loop", () => {
  it("runs a job right after it is committed, without waiting for the poll", async () => {
    const ran: string[] = [];
    defineJobHandler("test.woken", async (payload) => {
      ran.push(String(payload.id));
    });
    await startJobWorker({ pollMs: 60_000 });

    await (await getDb()).transaction((tx) => enqueueJob(tx, "test.woken", { id: "a" }));

    await expect.poll(() => ran, { timeout: 5_000 }).toEqual(["a"]);
  });

  it("starts one loop however often it is started", async () => {
    let calls = 0;
    defineJobHandler("test.single-loop", async () => {
      calls++;
    });
    await Promise.all([startJobWorker({ pollMs: 50 }), startJobWorker({ pollMs: 50 })]);
    await startJobWorker({ pollMs: 50 });

    await enqueueJob(await getDb(), "test.single-loop", {});

    await expect.poll(() => statusOf("test.single-loop")).toBe("done");
    expect(calls).toBe(1);
  });

  it("picks up a job that comes due later by polling", async () => {
    defineJobHandler("test.scheduled", async () => {});
    await startJobWorker({ pollMs: 100 });

    await enqueueJob(await getDb(), "test.scheduled", {}, { runAt: new Date(Date.now() + 300) });

    await expect.poll(() => statusOf("test.scheduled"), { timeout: 5_000 }).toBe("done");
  });

  it("waits for the job in flight when stopped", async () => {
    let finishJob!: () => void;
    const jobMayFinish = new Promise<void>((resolve) => (finishJob = resolve));
    let hasStarted = false;
    defineJobHandler("test.in-flight", async () => {
      hasStarted = true;
      await jobMayFinish;
    });
    await startJobWorker({ pollMs: 60_000 });
    await enqueueJob(await getDb(), "test.in-flight", {});
    await expect.poll(() => hasStarted).toBe(true);

    let hasStopped = false;
    const stopping = stopJobWorker().then(() => (hasStopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hasStopped).toBe(false);

    finishJob();
    await stopping;
    expect(await statusOf("test.in-flight")).toBe("done");
  });
});
