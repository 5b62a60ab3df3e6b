import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/db/index";
import { jobs } from "@/db/schema";
import { startJobWorker, stopJobWorker } from "@/lib/jobs/worker";
import { testJob } from "@/tests/support/jobs";

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
    const wokenJob = testJob("test.woken", async (payload) => {
      ran.push(String(payload.id));
    });
    await startJobWorker(await getDatabaseHandle(), [wokenJob], { pollMs: 60_000 });

    await (await getDb()).transaction((tx) => wokenJob.enqueue(tx, { id: "a" }));

    await expect.poll(() => ran, { timeout: 5_000 }).toEqual(["a"]);
  });

  it("starts one loop however often it is started", async () => {
    let calls = 0;
    const singleLoopJob = testJob("test.single-loop", async () => {
      calls++;
    });
    await Promise.all([startJobWorker(await getDatabaseHandle(), [singleLoopJob], { pollMs: 50 }), startJobWorker(await getDatabaseHandle(), [singleLoopJob], { pollMs: 50 })]);
    await startJobWorker(await getDatabaseHandle(), [singleLoopJob], { pollMs: 50 });

    await singleLoopJob.enqueue(await getDb(), {});

    await expect.poll(() => statusOf("test.single-loop")).toBe("done");
    expect(calls).toBe(1);
  });

  it("picks up a job that comes due later by polling", async () => {
    const scheduledJob = testJob("test.scheduled", async () => {});
    await startJobWorker(await getDatabaseHandle(), [scheduledJob], { pollMs: 100 });

    await scheduledJob.enqueue(await getDb(), {}, { runAt: new Date(Date.now() + 300) });

    await expect.poll(() => statusOf("test.scheduled"), { timeout: 5_000 }).toBe("done");
  });

  it("waits for the job in flight when stopped", async () => {
    let finishJob!: () => void;
    const jobMayFinish = new Promise<void>((resolve) => (finishJob = resolve));
    let hasStarted = false;
    const inFlightJob = testJob("test.in-flight", async () => {
      hasStarted = true;
      await jobMayFinish;
    });
    await startJobWorker(await getDatabaseHandle(), [inFlightJob], { pollMs: 60_000 });
    await inFlightJob.enqueue(await getDb(), {});
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
