import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { jobs, messages, notificationDeliveries, oneTimeTokens, signInFailures } from "@/db/schema";
import { purgeExpiredRows } from "@/lib/retention/purge";
import { createApp, createConversation, createMessage, createUser, createWorkspace } from "@/tests/factories";
import { retentionJob, scheduleRetention } from "@/lib/retention/purge-job";
import { nextRetentionRun } from "@/lib/retention/schedule";
import { drainJobs } from "@/tests/support/jobs";

/** SPEC §15: finished work is purged after RETENTION_DAYS by a daily job, in batches; messages are kept. */

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function world() {
  const db = await getDb();
  await db.delete(jobs).where(eq(jobs.queue, "test.retention"));
  const workspace = await createWorkspace();
  const user = await createUser({ workspace, role: "admin" });
  const app = await createApp({ installer: user, provider: "messenger" });
  const conversation = await createConversation({ app });
  const oldMessage = await createMessage({ conversation, text: "Kept forever" });
  await db.update(messages).set({ occurredAt: ago(400), createdAt: ago(400) }).where(eq(messages.id, oldMessage.id));

  const job = (status: "queued" | "running" | "done" | "failed", finishedDaysAgo: number | null, tag: string) => ({
    queue: "test.retention",
    payload: { tag },
    status,
    finishedAt: finishedDaysAgo === null ? null : ago(finishedDaysAgo),
    createdAt: ago(30),
  });
  await db.insert(jobs).values([
    ...Array.from({ length: 5 }, (_, i) => job("done", 20, `old-done-${i}`)),
    job("failed", 15, "old-failed"),
    job("done", 13, "recent-done"),
    // Never finished, however old: a job still to do is never purged.
    { ...job("queued", null, "old-queued"), runAt: ago(30) },
  ]);
  const delivery = (status: "sending" | "sent" | "failed" | "skipped", daysAgo: number, key: string) => ({
    deliveryKey: `${key}-${Math.random()}`,
    userId: user.id,
    channel: "email" as const,
    event: "test",
    status,
    createdAt: ago(daysAgo),
  });
  await db.insert(notificationDeliveries).values([
    delivery("sent", 20, "old-sent"),
    delivery("skipped", 20, "old-skipped"),
    delivery("failed", 20, "old-failed"),
    delivery("sent", 2, "recent-sent"),
  ]);
  await db.insert(signInFailures).values([
    { key: "email:old@example.test", failedAt: ago(20) },
    { key: "email:recent@example.test", failedAt: ago(1) },
  ]);
  const token = (email: string, fields: Partial<typeof oneTimeTokens.$inferInsert>) => ({
    purpose: "password_reset" as const,
    tokenHash: `${email}-${Math.random()}`,
    email,
    userId: user.id,
    expiresAt: new Date(Date.now() + DAY),
    ...fields,
  });
  await db.insert(oneTimeTokens).values([
    token("expired@example.test", { expiresAt: ago(20) }),
    token("used@example.test", { usedAt: ago(20), expiresAt: ago(19) }),
    token("used-recently@example.test", { usedAt: ago(1), expiresAt: ago(0.5) }),
    token("fresh@example.test", {}),
  ]);
  return { oldMessage };
}

async function tags() {
  const db = await getDb();
  const rows = await db.select({ tag: sql<string>`${jobs.payload}->>'tag'` }).from(jobs).where(eq(jobs.queue, "test.retention"));
  return rows.map((row) => row.tag).sort();
}

describe("retention", () => {
  it("purges finished jobs, finished deliveries, sign-in failures and expired tokens past the cutoff, in batches", async () => {
    const { oldMessage } = await world();
    const db = await getDb();

    const purged = await purgeExpiredRows(db, { days: 14, batchSize: 2 });

    expect(purged).toMatchObject({ jobs: 6, notification_deliveries: 3, sign_in_failures: 1, one_time_tokens: 2 });
    expect(await tags()).toEqual(["old-queued", "recent-done"]);
    const deliveries = await db.select({ status: notificationDeliveries.status, key: notificationDeliveries.deliveryKey }).from(notificationDeliveries);
    expect(deliveries.map((row) => row.key.split("-").slice(0, 2).join("-"))).toEqual(["recent-sent"]);
    expect((await db.select({ key: signInFailures.key }).from(signInFailures)).map((row) => row.key)).toEqual(["email:recent@example.test"]);
    expect((await db.select({ email: oneTimeTokens.email }).from(oneTimeTokens)).map((row) => row.email).sort()).toEqual([
      "fresh@example.test",
      "used-recently@example.test",
    ]);
    // Messages are kept, however old.
    expect(await db.select({ n: count() }).from(messages).where(eq(messages.id, oldMessage.id))).toEqual([{ n: 1 }]);

    // A second run finds nothing more.
    expect(await purgeExpiredRows(db, { days: 14, batchSize: 2 })).toMatchObject({ jobs: 0, notification_deliveries: 0 });
    // Fewer days keep less.
    expect((await purgeExpiredRows(db, { days: 1 })).jobs).toBe(1);
    expect(await tags()).toEqual(["old-queued"]);
  });

  it("runs daily as a job: scheduled once for 03:00 UTC however many instances start, and the run queues the next", async () => {
    const db = await getDb();
    const now = new Date("2026-03-10T05:00:00Z");
    expect(nextRetentionRun(now).toISOString()).toBe("2026-03-11T03:00:00.000Z");
    expect(nextRetentionRun(new Date("2026-03-10T02:59:00Z")).toISOString()).toBe("2026-03-10T03:00:00.000Z");
    await scheduleRetention(db, now);
    await scheduleRetention(db, now);
    const scheduled = await db.select().from(jobs).where(eq(jobs.queue, retentionJob.queue));
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]!.runAt.toISOString()).toBe("2026-03-11T03:00:00.000Z");

    // The run: RETENTION_DAYS from the environment, then the next day's job.
    await world();
    process.env.RETENTION_DAYS = "14";
    try {
      expect(await drainJobs({ queues: [retentionJob.queue], retryBaseMs: 0 })).toBe(1);
    } finally {
      delete process.env.RETENTION_DAYS;
    }
    expect(await tags()).toEqual(["old-queued", "recent-done"]);
    const after = await db.select().from(jobs).where(eq(jobs.queue, retentionJob.queue)).orderBy(jobs.runAt);
    expect(after.map((job) => job.status)).toEqual(["done", "queued"]);
    expect(after[1]!.runAt.getTime()).toBe(nextRetentionRun(new Date()).getTime());
  });
});
