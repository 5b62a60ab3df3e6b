import { and, eq, inArray, sql } from "drizzle-orm";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversations, jobs, notificationDeliveries, pushSubscriptions, type User } from "@/db/schema";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { NOTIFICATION_EVENTS, type PreferenceMatrix } from "@/lib/notifications/events";
import { savePreferences } from "@/lib/notifications/preferences";
import { PUSH_TIMEOUT_MS, setPushAgent } from "@/lib/notifications/push-transport";
import { pushSubscriptionSchema, savePushSubscription } from "@/lib/notifications/push-subscriptions";
import { createApp, createConversation, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import { startPushServiceStandIn, type PushServiceStandIn, type StandInBrowser } from "@/tests/stand-ins/push-service";
import { startResendStandIn, type ResendStandIn } from "@/tests/stand-ins/resend";
import { deliver, inboundEvent, messengerRequest, newPsid, sendMessenger } from "@/tests/support/webhooks";
import { sendEmailDigestJob } from "@/lib/notifications/email-digest";
import { notifyAssignmentJob } from "@/lib/notifications/notify-assignment-job";
import { notifyMessageJob } from "@/lib/notifications/notify-message-job";
import { notifyTestJob } from "@/lib/notifications/notify-test-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/**
 * Spec §6 desktop notifications end to end: a signed webhook stores the message and queues the
 * job, the job runs in-process, web-push encrypts and POSTs to a local push service that
 * decrypts what each browser would show.
 */

const NOTIFICATION_QUEUES = [notifyMessageJob.queue, notifyAssignmentJob.queue, sendEmailDigestJob.queue, notifyTestJob.queue];
const drain = (options: { retryBaseMs?: number } = {}) => drainJobs({ retryBaseMs: 0, queues: NOTIFICATION_QUEUES, ...options });

let pushService: PushServiceStandIn;
let resend: ResendStandIn;
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  pushService = await startPushServiceStandIn();
  setPushAgent(pushService.agent);
  const vapid = webpush.generateVAPIDKeys();
  for (const name of ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"]) savedEnv[name] = process.env[name];
  process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
  process.env.VAPID_SUBJECT = "mailto:push-test@example.test";
  // The "…to me" events email too; this file is about desktop pushes, so emails go to a stand-in.
  resend = await startResendStandIn();
});

afterAll(async () => {
  setPushAgent(undefined);
  await pushService.close();
  await resend.close();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function subscribe(user: User, name: string): Promise<StandInBrowser> {
  const browser = pushService.newBrowser(name);
  const input = pushSubscriptionSchema.parse({ endpoint: browser.endpoint, keys: browser.keys, userAgent: `${name} test browser` });
  await savePushSubscription(db, user.id, input);
  return browser;
}

const everything = (on: boolean) =>
  Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, { desktop: on, email: on }])) as PreferenceMatrix;

/**
 * Acme's Messenger app: alice installed it, bob and carol are on its list, erin too but
 * inactive, dave is not on it. Every one of them has a browser subscribed; dave and erin would
 * take every notification there is. "Ann Contact"'s conversation is assigned to bob.
 */
async function acme() {
  const workspace = await createWorkspace({ name: "Acme" });
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace, name: "Bob" });
  const carol = await createUser({ workspace, name: "Carol" });
  const dave = await createUser({ workspace, name: "Dave" });
  const erin = await createUser({ workspace, name: "Erin", isActive: false });
  const app = await createApp({ installer: alice, provider: "messenger", name: "Acme Messenger", members: [bob, carol, erin] });
  const contact = newPsid();
  const conversation = await createConversation({ app, assignee: bob, contactName: "Ann Contact", externalContactId: contact });
  await savePreferences(db, dave.id, everything(true));
  await savePreferences(db, erin.id, everything(true));
  const browsers = {
    bobLaptop: await subscribe(bob, "bob-laptop"),
    bobPhone: await subscribe(bob, "bob-phone"),
    alice: await subscribe(alice, "alice"),
    carol: await subscribe(carol, "carol"),
    dave: await subscribe(dave, "dave"),
    erin: await subscribe(erin, "erin"),
  };
  const others = [browsers.alice, browsers.carol, browsers.dave, browsers.erin];
  return { workspace, alice, bob, carol, dave, erin, app, contact, conversation, browsers, others };
}

async function messageJobs(conversationId: string) {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.queue, notifyMessageJob.queue), sql`${jobs.payload}->>'messageId' in (select id::text from messages where conversation_id = ${conversationId})`));
}

describe("web push for a new message", () => {
  it("reaches both of bob's browsers with the contact, app, text and link, and nobody else", async () => {
    const { app, contact, conversation, browsers, others } = await acme();

    const response = await sendMessenger(app, [inboundEvent(app, contact, "Is my order shipped yet?")]);
    expect(response.status).toBe(200);
    // Never inside the webhook's response path: only the job sends.
    expect(browsers.bobLaptop.requests()).toHaveLength(0);

    await drain();

    for (const browser of [browsers.bobLaptop, browsers.bobPhone]) {
      const [push, ...more] = browser.delivered();
      expect(more).toEqual([]);
      expect(push!.title).toContain("Ann Contact");
      expect(push!.title).toContain("Acme Messenger");
      expect(push!.body).toBe("Is my order shipped yet?");
      expect(push!.url).toBe(`/messaging/c/${conversation.id}`);
      const [request] = browser.requests();
      expect(request!.headers["content-encoding"]).toBe("aes128gcm");
      expect(String(request!.headers.authorization)).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
      expect(request!.headers.urgency).toBe("high");
    }
    for (const browser of others) expect(browser.requests(), browser.name).toEqual([]);
  });

  it("sends one push per browser when the webhook is replayed 10 times", async () => {
    const { app, contact, browsers, others } = await acme();
    const signed = messengerRequest(app, [inboundEvent(app, contact, "Hello?")]);

    for (let i = 0; i < 5; i++) {
      expect((await deliver("messenger", app.id, signed)).status).toBe(200);
      await drain();
    }
    const replays = await Promise.all(Array.from({ length: 5 }, () => deliver("messenger", app.id, signed)));
    expect(replays.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    await drain();

    expect(browsers.bobLaptop.delivered().map((push) => push.body)).toEqual(["Hello?"]);
    expect(browsers.bobPhone.delivered().map((push) => push.body)).toEqual(["Hello?"]);
    expect(browsers.bobLaptop.requests()).toHaveLength(1);
    expect(browsers.bobPhone.requests()).toHaveLength(1);
    for (const browser of others) expect(browser.requests(), browser.name).toEqual([]);
  });

  it("is sent once when the worker that claimed the job died before finishing it", async () => {
    const { app, contact, conversation, browsers } = await acme();
    await sendMessenger(app, [inboundEvent(app, contact, "Anyone there?")]);
    // A worker claimed the job (attempt 1) and died: its lock has run out, nothing was sent.
    await db
      .update(jobs)
      .set({ status: "running", attempts: 1, lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.queue, notifyMessageJob.queue));

    await drain();

    expect(browsers.bobLaptop.delivered().map((push) => push.body)).toEqual(["Anyone there?"]);
    expect(browsers.bobPhone.delivered().map((push) => push.body)).toEqual(["Anyone there?"]);
    const [job] = await messageJobs(conversation.id);
    expect(job).toMatchObject({ status: "done", attempts: 2 });
  });

  it("resends only the browser whose push failed when the job is retried", async () => {
    const { app, contact, conversation, browsers } = await acme();
    browsers.bobPhone.answerNext({ status: 500, body: "push service trouble" });

    await sendMessenger(app, [inboundEvent(app, contact, "Second try")]);
    await drain();

    expect(browsers.bobLaptop.requests()).toHaveLength(1);
    expect(browsers.bobPhone.requests().map((push) => push.status)).toEqual([500, 201]);
    expect(browsers.bobLaptop.delivered().map((push) => push.body)).toEqual(["Second try"]);
    expect(browsers.bobPhone.delivered().map((push) => push.body)).toEqual(["Second try"]);
    const [job] = await messageJobs(conversation.id);
    expect(job).toMatchObject({ status: "done", attempts: 2 });
  });

  it("retries a push whose connection was cut after it was sent with the same Topic, so the push service keeps one", async () => {
    const { app, contact, browsers } = await acme();
    browsers.bobLaptop.answerNext("destroy");

    await sendMessenger(app, [inboundEvent(app, contact, "Cut off")]);
    await drain();

    const [cut, retried, ...more] = browsers.bobLaptop.requests();
    expect(more).toEqual([]);
    expect(cut!.status).toBeNull();
    expect(retried!.status).toBe(201);
    expect(retried!.headers.topic).toEqual(expect.any(String));
    expect(retried!.headers.topic).toBe(cut!.headers.topic);
    expect(retried!.payload).toEqual(cut!.payload);
    expect(browsers.bobPhone.requests()).toHaveLength(1);
  });

  it.each([404, 410])("removes a subscription the push service answers %i for, and retries nothing", async (status) => {
    const { bob, app, contact, conversation, browsers } = await acme();
    browsers.bobLaptop.answerNext({ status });

    await sendMessenger(app, [inboundEvent(app, contact, "Still subscribed?")]);
    await drain();

    const left = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, bob.id));
    expect(left.map((subscription) => subscription.endpoint)).toEqual([browsers.bobPhone.endpoint]);
    expect(browsers.bobLaptop.requests()).toHaveLength(1);
    expect(browsers.bobPhone.delivered()).toHaveLength(1);
    const [job] = await messageJobs(conversation.id);
    expect(job).toMatchObject({ status: "done", attempts: 1 });
    const failed = await db
      .select()
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.userId, bob.id), eq(notificationDeliveries.status, "failed")));
    expect(failed.map((delivery) => delivery.error)).toEqual([`Subscription gone (HTTP ${status})`]);

    await sendMessenger(app, [inboundEvent(app, contact, "Next one")]);
    await drain();
    expect(browsers.bobLaptop.requests()).toHaveLength(1);
    expect(browsers.bobPhone.delivered().map((push) => push.body)).toEqual(["Still subscribed?", "Next one"]);
  });

  it.each([429, 503])("retries a push the push service answers %i for, and delivers it once", async (status) => {
    const { app, contact, browsers } = await acme();
    browsers.bobLaptop.answerNext({ status });

    await sendMessenger(app, [inboundEvent(app, contact, "Busy?")]);
    await drain();

    expect(browsers.bobLaptop.requests().map((push) => push.status)).toEqual([status, 201]);
    expect(browsers.bobLaptop.delivered()).toHaveLength(1);
    expect(browsers.bobPhone.delivered()).toHaveLength(1);
  });

  it(
    "gives up on a hanging push service after the bounded timeout and reschedules the job, the other browser served",
    async () => {
      const { app, contact, conversation, browsers } = await acme();
      browsers.bobLaptop.answerNext("hang");
      await sendMessenger(app, [inboundEvent(app, contact, "Hanging")]);

      const started = Date.now();
      // A long backoff keeps the retry in the future, so this drain runs the one attempt.
      await drain({ retryBaseMs: 60_000 });
      const elapsed = Date.now() - started;

      expect(elapsed).toBeGreaterThanOrEqual(PUSH_TIMEOUT_MS - 500);
      expect(elapsed).toBeLessThan(PUSH_TIMEOUT_MS + 5_000);
      const [job] = await messageJobs(conversation.id);
      expect(job).toMatchObject({ status: "queued", attempts: 1, lastError: "Socket timeout" });
      expect(job!.runAt.getTime()).toBeGreaterThan(Date.now());
      expect(browsers.bobPhone.delivered()).toHaveLength(1);
      expect(browsers.bobLaptop.delivered()).toHaveLength(0);

      // The retry comes due and the push service answers now.
      await db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.id, job!.id));
      await drain();

      expect(browsers.bobLaptop.delivered().map((push) => push.body)).toEqual(["Hanging"]);
      expect(browsers.bobPhone.delivered()).toHaveLength(1);
      const [retried] = await messageJobs(conversation.id);
      expect(retried).toMatchObject({ status: "done", attempts: 2 });
    },
    PUSH_TIMEOUT_MS + 20_000,
  );

  it("sends nothing to bob when he turned his preferences off", async () => {
    const { bob, app, contact, browsers, others } = await acme();
    await savePreferences(db, bob.id, everything(false));

    await sendMessenger(app, [inboundEvent(app, contact, "Quiet please")]);
    await drain();

    for (const browser of [browsers.bobLaptop, browsers.bobPhone, ...others]) expect(browser.requests(), browser.name).toEqual([]);
    expect(await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.userId, bob.id))).toEqual([]);
  });
});

describe("web push for an assignment", () => {
  async function releaseAssignmentNotices() {
    // Assignment notices wait 2 s for a burst to settle (ASSIGNMENT_NOTICE_DELAY_MS); skip the wait.
    await db.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.queue, notifyAssignmentJob.queue), eq(jobs.status, "queued")));
  }

  it("tells only the final assignee of concurrent assignments, once", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin", name: "Alice" });
    const agents: User[] = [];
    for (let i = 0; i < 6; i++) agents.push(await createUser({ workspace, name: `Agent ${i}` }));
    const app = await createApp({ installer: alice, provider: "messenger", name: "Acme Messenger", members: agents });
    const conversation = await createConversation({ app, contactName: "Ann Contact" });
    const browsers = new Map<string, StandInBrowser>();
    for (const agent of [alice, ...agents]) browsers.set(agent.id, await subscribe(agent, agent.name));

    // Each agent assigns the conversation to the next one, all at once.
    const results = await Promise.all(
      agents.map((actor, i) =>
        assignConversation(db, subjectOf(actor), { conversationId: conversation.id, assigneeId: agents[(i + 1) % agents.length]!.id }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    await releaseAssignmentNotices();
    await drain();

    const [{ assigneeId }] = await db.select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, conversation.id)) as [{ assigneeId: string }];
    const final = agents.find((agent) => agent.id === assigneeId)!;
    const all = pushService.received.filter((push) => [...browsers.values()].some((browser) => browser.id === push.browserId));
    expect(all).toHaveLength(1);
    expect(all[0]!.browserId).toBe(browsers.get(final.id)!.id);
    expect(all[0]!.payload).toMatchObject({ title: "Assigned to you: Ann Contact", url: `/messaging/c/${conversation.id}` });
    expect(all[0]!.payload!.body).toContain("Acme Messenger");
  });

  it("tells nobody when bob assigns the conversation to himself", async () => {
    const { bob, conversation, browsers, others } = await acme();
    await assignConversation(db, subjectOf(bob), { conversationId: conversation.id, assigneeId: null });
    await assignConversation(db, subjectOf(bob), { conversationId: conversation.id, assigneeId: bob.id });
    await releaseAssignmentNotices();
    await drain();

    for (const browser of [browsers.bobLaptop, browsers.bobPhone, ...others]) expect(browser.requests(), browser.name).toEqual([]);
    const queued = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, notifyAssignmentJob.queue), sql`${jobs.payload}->>'activityId' in (select id::text from conversation_activities where conversation_id = ${conversation.id})`));
    expect(queued).toEqual([]);
  });

  it("tells carol when alice assigns her the conversation, unless carol turned that event off", async () => {
    const { alice, carol, conversation, browsers } = await acme();
    await assignConversation(db, subjectOf(alice), { conversationId: conversation.id, assigneeId: carol.id });
    await releaseAssignmentNotices();
    await drain();
    expect(browsers.carol.delivered().map((push) => push.title)).toEqual(["Assigned to you: Ann Contact"]);

    await savePreferences(db, carol.id, { ...everything(true), "conversation.assigned_to_me": { desktop: false, email: false } });
    await assignConversation(db, subjectOf(alice), { conversationId: conversation.id, assigneeId: alice.id });
    await assignConversation(db, subjectOf(alice), { conversationId: conversation.id, assigneeId: carol.id });
    await releaseAssignmentNotices();
    await drain();
    expect(browsers.carol.requests()).toHaveLength(1);
    expect(browsers.alice.requests()).toEqual([]);
  });
});

describe("push subscriptions", () => {
  const browser = () => pushService.newBrowser("schema-check");
  const valid = () => {
    const { endpoint, keys } = browser();
    return { endpoint, keys };
  };

  it("accepts what a browser's PushSubscription.toJSON() gives", () => {
    expect(pushSubscriptionSchema.safeParse(valid()).success).toBe(true);
  });

  it.each([
    ["no endpoint", (s: ReturnType<typeof valid>) => ({ keys: s.keys })],
    ["no keys", (s: ReturnType<typeof valid>) => ({ endpoint: s.endpoint })],
    ["no p256dh key", (s: ReturnType<typeof valid>) => ({ ...s, keys: { auth: s.keys.auth } })],
    ["no auth secret", (s: ReturnType<typeof valid>) => ({ ...s, keys: { p256dh: s.keys.p256dh } })],
    ["an empty auth secret", (s: ReturnType<typeof valid>) => ({ ...s, keys: { ...s.keys, auth: "" } })],
    ["a p256dh key that is not base64url", (s: ReturnType<typeof valid>) => ({ ...s, keys: { ...s.keys, p256dh: `${s.keys.p256dh.slice(0, -2)}<>` } })],
    ["an endpoint over 2048 characters", (s: ReturnType<typeof valid>) => ({ ...s, endpoint: `${s.endpoint}/${"a".repeat(2048)}` })],
    ["a p256dh key over 120 characters", (s: ReturnType<typeof valid>) => ({ ...s, keys: { ...s.keys, p256dh: "A".repeat(121) } })],
    ["an auth secret over 40 characters", (s: ReturnType<typeof valid>) => ({ ...s, keys: { ...s.keys, auth: "A".repeat(41) } })],
    ["a user agent over 400 characters", (s: ReturnType<typeof valid>) => ({ ...s, userAgent: "M".repeat(401) })],
  ])("refuses %s (endpoints that are no push service's: tests/integration/notifications/push-endpoints.test.ts)", (_, change) => {
    expect(pushSubscriptionSchema.safeParse(change(valid())).success).toBe(false);
  });

  it("updates the subscription when the same browser subscribes again", async () => {
    const [first, second] = [await createUser(), await createUser()];
    const { endpoint, keys } = browser();
    const other = browser();
    await savePushSubscription(db, first.id, { endpoint, keys });
    await savePushSubscription(db, second.id, { endpoint, keys: other.keys });

    const rows = await db.select().from(pushSubscriptions).where(inArray(pushSubscriptions.userId, [first.id, second.id]));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: second.id, endpoint, p256dh: other.keys.p256dh, auth: other.keys.auth });
  });
});
