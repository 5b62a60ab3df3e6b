import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import type { User } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { DEFAULT_PREFERENCES, NOTIFICATION_EVENTS, type PreferenceMatrix } from "@/lib/notifications/events";
import { getPreferences } from "@/lib/notifications/preferences";
import { listPushSubscriptions } from "@/lib/notifications/push-subscriptions";
import { actorOf, createUser } from "@/tests/factories";
import { snapshotDatabase } from "@/tests/support/db-snapshot";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

// The signed-in actor is swapped in; authedAction, the schemas and the database are real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const actions = await import("@/app/(app)/notifications/actions");

const signInAs = (user: User | null) => {
  session.actor = user ? actorOf(user) : null;
};

afterEach(() => signInAs(null));

// The server pushes only to known push services; this file's made-up one is listed.
beforeAll(() => {
  vi.stubEnv("PUSH_SERVICE_HOSTS", "push.example.test");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const everythingOff = Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, { desktop: false, email: false }])) as PreferenceMatrix;

/** A subscription as a browser would send it; the keys only have to look right here. */
const subscription = (endpoint = "https://push.example.test/send/abc123") => ({
  endpoint,
  keys: { p256dh: "B".repeat(87), auth: "a".repeat(22) },
});

describe("saving notification preferences", () => {
  it("keeps what was saved, and defaults for users who never saved", async () => {
    const bob = await createUser({ name: "Bob" });
    signInAs(bob);
    expect(await getPreferences(db, bob.id)).toEqual(DEFAULT_PREFERENCES);

    expect(await actions.saveNotificationPreferencesAction(everythingOff)).toEqual({ ok: true, value: everythingOff });
    expect(await getPreferences(db, bob.id)).toEqual(everythingOff);
  });

  const bad: [string, unknown][] = [
    ["an unknown event", { ...DEFAULT_PREFERENCES, "message.deleted": { desktop: true, email: true } }],
    ["an unknown channel", { ...DEFAULT_PREFERENCES, "message.unassigned": { desktop: true, email: false, sms: true } }],
    ["a missing event", Object.fromEntries(Object.entries(DEFAULT_PREFERENCES).slice(1))],
    ["a missing channel", { ...DEFAULT_PREFERENCES, "message.unassigned": { desktop: true } }],
    ["a channel that is not a boolean", { ...DEFAULT_PREFERENCES, "message.unassigned": { desktop: "yes", email: false } }],
    ["no matrix at all", null],
  ];
  it.each(bad)("refuses %s and saves nothing", async (_, matrix) => {
    const bob = await createUser({ name: "Bob" });
    signInAs(bob);
    const before = await snapshotDatabase();

    const result = await actions.saveNotificationPreferencesAction(matrix as PreferenceMatrix);

    expect(result).toMatchObject({ ok: false, reason: "invalid_input" });
    expect(await snapshotDatabase()).toEqual(before);
    expect(await getPreferences(db, bob.id)).toEqual(DEFAULT_PREFERENCES);
  });

  it("refuses a signed-out save", async () => {
    const before = await snapshotDatabase();
    expect(await actions.saveNotificationPreferencesAction(everythingOff)).toEqual({ ok: false, reason: "signed_out" });
    expect(await snapshotDatabase()).toEqual(before);
  });
});

describe("subscribing a browser to web push", () => {
  it("stores an https subscription for the signed-in user", async () => {
    const bob = await createUser({ name: "Bob" });
    signInAs(bob);
    expect(await actions.subscribePushAction(subscription())).toMatchObject({ ok: true });
    expect((await listPushSubscriptions(db, bob.id)).map((row) => row.endpoint)).toEqual([subscription().endpoint]);
  });

  const bad: [string, unknown][] = [
    ["missing keys", { endpoint: "https://push.example.test/send/abc" }],
    ["a missing auth secret", { endpoint: "https://push.example.test/send/abc", keys: { p256dh: "B".repeat(87) } }],
    ["an over-long endpoint", subscription(`https://push.example.test/${"x".repeat(2048)}`)],
    ["an over-long key", { ...subscription(), keys: { p256dh: "B".repeat(121), auth: "a".repeat(22) } }],
    ["an over-long user agent", { ...subscription(), userAgent: "U".repeat(401) }],
  ];
  it.each(bad)("refuses %s and stores nothing", async (_, input) => {
    const bob = await createUser({ name: "Bob" });
    signInAs(bob);
    const before = await snapshotDatabase();

    const result = await actions.subscribePushAction(input as ReturnType<typeof subscription>);

    expect(result).toMatchObject({ ok: false, reason: "invalid_input" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it.each([
    ["a non-https endpoint", "http://push.example.test/send/abc"],
    ["an unlisted host", "https://push.elsewhere.example/send/abc"],
    ["a private address", "https://192.168.0.10/send/abc"],
  ])("refuses %s with the push-service reason and stores nothing", async (_, endpoint) => {
    const bob = await createUser({ name: "Bob" });
    signInAs(bob);
    const before = await snapshotDatabase();

    expect(await actions.subscribePushAction(subscription(endpoint))).toEqual({ ok: false, reason: "push_endpoint_refused" });
    expect(await snapshotDatabase()).toEqual(before);
  });
});

describe("sending a test notification", () => {
  it("queues one, then refuses the next within 10 s with the seconds to wait", async () => {
    const bob = await createUser({ name: "Bob" });
    signInAs(bob);

    expect(await actions.sendTestNotificationAction({})).toEqual({ ok: true, value: null });
    const before = await snapshotDatabase();
    const again = await actions.sendTestNotificationAction({});

    expect(again).toMatchObject({ ok: false, reason: "test_notification_too_soon", params: { seconds: expect.any(Number) } });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("refuses a signed-out visitor", async () => {
    expect(await actions.sendTestNotificationAction({})).toEqual({ ok: false, reason: "signed_out" });
  });
});
