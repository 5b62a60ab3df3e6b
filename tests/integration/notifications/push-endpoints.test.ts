import { and, eq } from "drizzle-orm";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { jobs, pushSubscriptions, userActionMarks } from "@/db/schema";
import { setPushAgent } from "@/lib/notifications/push-transport";
import { MAX_PUSH_SUBSCRIPTIONS_PER_USER, savePushSubscription } from "@/lib/notifications/push-subscriptions";
import { requestTestNotification, TEST_NOTIFICATION_INTERVAL_MS } from "@/lib/notifications/test-notification";
import { createUser } from "@/tests/factories";
import { startPushServiceStandIn, type PushServiceStandIn } from "@/tests/stand-ins/push-service";
import { notifyTestJob } from "@/lib/notifications/notify-test-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** SPEC §15: the server pushes only to push services, a user keeps ≤ 10 browsers, tests are spaced 10 s apart. */

let pushService: PushServiceStandIn;
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  pushService = await startPushServiceStandIn();
  setPushAgent(pushService.agent);
  const vapid = webpush.generateVAPIDKeys();
  for (const name of ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "RESEND_API_KEY"]) savedEnv[name] = process.env[name];
  process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
});

afterAll(async () => {
  setPushAgent(undefined);
  await pushService.close();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function subscriptionsOf(userId: string) {
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
}

const keys = () => pushService.newBrowser("keys").keys;

describe("which push endpoints are accepted", () => {
  it.each([
    ["an http endpoint", "http://fcm.googleapis.com/fcm/send/abc"],
    ["an IP literal", "https://203.0.113.7/push/abc"],
    ["loopback", "https://127.0.0.1/push/abc"],
    ["IPv6 loopback", "https://[::1]/push/abc"],
    ["a private address", "https://10.1.2.3/push/abc"],
    ["another private range", "https://172.16.0.1/push/abc"],
    ["the metadata address", "https://169.254.169.254/latest/meta-data/"],
    ["an unknown host", "https://push.evil.example/abc"],
    ["localhost", "https://localhost/push"],
    ["no URL", "not a url"],
  ])("refuses %s with the reason and stores nothing", async (_, endpoint) => {
    const user = await createUser();

    expect(await savePushSubscription(db, user.id, { endpoint, keys: keys() })).toEqual({ ok: false, reason: "push_endpoint_refused" });
    expect(await subscriptionsOf(user.id)).toEqual([]);
  });

  it("refuses the stand-in's address on another port than the one PUSH_SERVICE_HOSTS lists", async () => {
    const user = await createUser();
    const port = Number(new URL(pushService.origin).port);
    const endpoint = `https://127.0.0.1:${port === 65535 ? port - 1 : port + 1}/push/x`;

    expect(await savePushSubscription(db, user.id, { endpoint, keys: keys() })).toMatchObject({ ok: false, reason: "push_endpoint_refused" });
  });

  it.each([
    "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABm",
    "https://web.push.apple.com/QGuQyavXutnMH",
    "https://wns2-am3p.notify.windows.com/w/?token=BQYAAAB",
  ])("keeps a subscription at the known push service %s", async (endpoint) => {
    const user = await createUser();

    expect(await savePushSubscription(db, user.id, { endpoint, keys: keys() })).toMatchObject({ ok: true });
    expect((await subscriptionsOf(user.id)).map((row) => row.endpoint)).toEqual([endpoint]);
  });

  it("never pushes to an endpoint stored before the rule, and still pushes to the listed stand-in", async () => {
    const user = await createUser();
    const listed = pushService.newBrowser("listed");
    const unlisted = pushService.newBrowser("stored before the rule");
    await savePushSubscription(db, user.id, { endpoint: listed.endpoint, keys: listed.keys });
    // The same stand-in, reached by a name PUSH_SERVICE_HOSTS does not list.
    const sneaky = unlisted.endpoint.replace("127.0.0.1", "localhost");
    await db.insert(pushSubscriptions).values({ userId: user.id, endpoint: sneaky, p256dh: unlisted.keys.p256dh, auth: unlisted.keys.auth });

    expect(await requestTestNotification(db, user.id)).toEqual({ ok: true, value: null });
    await drainJobs({ retryBaseMs: 0, queues: [notifyTestJob.queue] });

    expect(listed.delivered()).toHaveLength(1);
    expect(unlisted.requests()).toEqual([]);
  });
});

describe("at most 10 subscriptions a user", () => {
  it("the 11th browser replaces the oldest, and re-subscribing counts as the newest", async () => {
    const user = await createUser();
    const other = await createUser();
    const browsers = Array.from({ length: MAX_PUSH_SUBSCRIPTIONS_PER_USER + 1 }, (_, i) => pushService.newBrowser(`b${i}`));
    await savePushSubscription(db, other.id, { endpoint: pushService.newBrowser("other").endpoint, keys: keys() });

    for (const browser of browsers.slice(0, MAX_PUSH_SUBSCRIPTIONS_PER_USER)) {
      expect(await savePushSubscription(db, user.id, { endpoint: browser.endpoint, keys: browser.keys })).toMatchObject({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // The first browser subscribes again: now the second is the oldest.
    await savePushSubscription(db, user.id, { endpoint: browsers[0]!.endpoint, keys: browsers[0]!.keys });
    await new Promise((resolve) => setTimeout(resolve, 2));
    await savePushSubscription(db, user.id, { endpoint: browsers[10]!.endpoint, keys: browsers[10]!.keys });

    const endpoints = new Set((await subscriptionsOf(user.id)).map((row) => row.endpoint));
    expect(endpoints.size).toBe(MAX_PUSH_SUBSCRIPTIONS_PER_USER);
    expect(endpoints.has(browsers[1]!.endpoint)).toBe(false);
    expect(endpoints.has(browsers[0]!.endpoint)).toBe(true);
    expect(endpoints.has(browsers[10]!.endpoint)).toBe(true);
    // Another user's browsers are not counted or touched.
    expect(await subscriptionsOf(other.id)).toHaveLength(1);
  });

  it("twelve browsers subscribing at once leave ten", async () => {
    const user = await createUser();
    const browsers = Array.from({ length: 12 }, (_, i) => pushService.newBrowser(`parallel-${i}`));

    const results = await Promise.all(browsers.map((browser) => savePushSubscription(db, user.id, { endpoint: browser.endpoint, keys: browser.keys })));

    expect(results.every((result) => result.ok)).toBe(true);
    expect(await subscriptionsOf(user.id)).toHaveLength(MAX_PUSH_SUBSCRIPTIONS_PER_USER);
  });
});

describe("the test notification, at most once per 10 s", () => {
  async function testJobs(userId: string) {
    const rows = await db.select().from(jobs).where(eq(jobs.queue, notifyTestJob.queue));
    return rows.filter((job) => job.payload.userId === userId);
  }

  it("refuses a second one within 10 s with how long to wait, and allows it after", async () => {
    const user = await createUser();
    const neighbour = await createUser();

    expect(await requestTestNotification(db, user.id)).toEqual({ ok: true, value: null });
    const again = await requestTestNotification(db, user.id);
    expect(again).toMatchObject({ ok: false, reason: "test_notification_too_soon" });
    expect(again.ok ? 0 : Number(again.params?.seconds)).toBeGreaterThanOrEqual(9);
    expect(again.ok ? 0 : Number(again.params?.seconds)).toBeLessThanOrEqual(10);
    expect(await testJobs(user.id)).toHaveLength(1);
    // Per user: someone else is not held back.
    expect(await requestTestNotification(db, neighbour.id)).toMatchObject({ ok: true });

    // 10 s later (the mark moved back rather than the test waiting).
    await db
      .update(userActionMarks)
      .set({ lastAt: new Date(Date.now() - TEST_NOTIFICATION_INTERVAL_MS - 1) })
      .where(and(eq(userActionMarks.userId, user.id), eq(userActionMarks.action, "test_notification")));
    expect(await requestTestNotification(db, user.id)).toEqual({ ok: true, value: null });
    expect(await testJobs(user.id)).toHaveLength(2);
  });

  it("five clicks at once queue one test notification", async () => {
    const user = await createUser();

    const results = await Promise.all(Array.from({ length: 5 }, () => requestTestNotification(db, user.id)));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === "test_notification_too_soon")).toHaveLength(4);
    expect(await testJobs(user.id)).toHaveLength(1);
  });
});
