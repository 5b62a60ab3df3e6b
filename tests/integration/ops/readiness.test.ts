import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { GET as healthGet } from "@/app/api/health/route";
import { GET as readyGet } from "@/app/api/ready/route";
import { getDatabaseHandle, getDb } from "@/db/index";
import { APP_JOBS } from "@/lib/server/app-jobs";
import { testJob } from "@/tests/support/jobs";
import { jobs } from "@/db/schema";
import { startJobWorker, stopJobWorker } from "@/lib/jobs/worker";
import { markShuttingDown } from "@/lib/runtime/shutdown-state";

/** SPEC §15: /api/ready is 200 only when this instance can do its work, else 503 with the reason. */

async function ready(): Promise<{ status: number; body: { status: string; reason?: string; checks: Record<string, string> } }> {
  const response = await readyGet(new Request("http://localhost/api/ready"), undefined);
  return { status: response.status, body: await response.json() };
}

// A queue no handler claims here, so the worker leaves the test's jobs waiting.
const UNCLAIMED = "test.readiness.unclaimed";
/** Not in the worker's job list, so nobody claims it. */
const unclaimedJob = testJob(UNCLAIMED);

afterEach(async () => {
  await stopJobWorker();
  const db = await getDb();
  await db.delete(jobs).where(sql`${jobs.queue} = ${UNCLAIMED}`);
});

describe("/api/ready", () => {
  it("is ready with the database, the migrations, a running worker and no stale job", async () => {
    await startJobWorker(await getDatabaseHandle(), APP_JOBS, { pollMs: 60_000 });
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ready", checks: { database: "ok", migrations: "ok", worker: "running" } });
    // Liveness stays the plain database check beside it.
    expect((await healthGet()).status).toBe(200);
  });

  it("is a 503 naming the worker when no job worker runs in this process", async () => {
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "not_ready", reason: "the job worker is not running" });
  });

  it("accepts a worker of its own process when this instance has it disabled", async () => {
    process.env.SWITCHBOARD_DISABLE_WORKER = "1";
    try {
      const { status, body } = await ready();
      expect(status).toBe(200);
      expect(body.checks.worker).toBe("separate process");
    } finally {
      delete process.env.SWITCHBOARD_DISABLE_WORKER;
    }
  });

  it("is a 503 when the oldest due job has waited 60 s or more, and ready again once it is gone", async () => {
    await startJobWorker(await getDatabaseHandle(), APP_JOBS, { pollMs: 60_000 });
    const db = await getDb();
    await unclaimedJob.enqueue(db, {}, { runAt: new Date(Date.now() - 30_000) });
    expect((await ready()).status).toBe(200);
    await unclaimedJob.enqueue(db, {}, { runAt: new Date(Date.now() - 61_000) });
    const stale = await ready();
    expect(stale.status).toBe(503);
    expect(stale.body.reason).toMatch(/^the oldest due job has waited 6\d s$/);
    // A job scheduled for later is not late.
    await db.delete(jobs).where(sql`${jobs.queue} = ${UNCLAIMED}`);
    await unclaimedJob.enqueue(db, {}, { runAt: new Date(Date.now() + 3_600_000) });
    expect((await ready()).status).toBe(200);
  });

  it("is a 503 when a shipped migration is not applied", async () => {
    await startJobWorker(await getDatabaseHandle(), APP_JOBS, { pollMs: 60_000 });
    const db = await getDb();
    // As if this build shipped a migration the database has not had: the newest applied one is older.
    await db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at - 1 where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body.reason).toBe("migrations are not all applied");
    } finally {
      await db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at + 1 where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    }
  });

  it("is a 503 once the instance is shutting down (last: the mark stays for the process)", async () => {
    await startJobWorker(await getDatabaseHandle(), APP_JOBS, { pollMs: 60_000 });
    markShuttingDown();
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.reason).toBe("shutting down");
  });
});
