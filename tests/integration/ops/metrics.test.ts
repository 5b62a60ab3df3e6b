import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { GET as metricsGet } from "@/app/api/metrics/route";
import { getDb } from "@/db/index";
import { checkCredentials } from "@/lib/auth/credentials";
import { PermanentJobError } from "@/lib/jobs/define-job";
import { enqueueTestNotification } from "@/lib/notifications/enqueue";
import { setPushAgent } from "@/lib/notifications/push-transport";
import { pushSubscriptionSchema, savePushSubscription } from "@/lib/notifications/push-subscriptions";
import { savePreferences } from "@/lib/notifications/preferences";
import { NOTIFICATION_EVENTS, type PreferenceMatrix } from "@/lib/notifications/events";
import { trackLiveStream } from "@/lib/realtime/live-streams";
import { createApp, createUser, createWorkspace } from "@/tests/factories";
import { startPushServiceStandIn, type PushServiceStandIn } from "@/tests/stand-ins/push-service";
import { inboundEvent, messengerRequest, newPsid, postWebhook, sendInbound } from "@/tests/support/webhooks";
import { notifyTestJob } from "@/lib/notifications/notify-test-job";
import { drainJobs, testJob } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** SPEC §15: /api/metrics answers Prometheus text after real actions, and only to the bearer of METRICS_TOKEN. */

const TOKEN = "metrics-test-token-0123456789";
const BROKEN = "test.metrics.broken";
const idleJob = testJob("test.metrics.idle");
const brokenJob = testJob(BROKEN, async () => {
  throw new PermanentJobError("broken on purpose");
});

let pushService: PushServiceStandIn;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const name of ["METRICS_TOKEN", "VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "RESEND_API_KEY"]) saved[name] = process.env[name];
  process.env.METRICS_TOKEN = TOKEN;
  const vapid = webpush.generateVAPIDKeys();
  process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
  delete process.env.RESEND_API_KEY; // emails go to the outbox table
  pushService = await startPushServiceStandIn();
  setPushAgent(pushService.agent);
});

afterAll(async () => {
  setPushAgent(undefined);
  await pushService.close();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function scrape(authorization?: string): Promise<Response> {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  return metricsGet(new Request("http://localhost/api/metrics", { headers }), undefined);
}

async function metricsText(): Promise<string> {
  const response = await scrape(`Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

/** The value of one sample, e.g. `switchboard_webhooks_total{provider="messenger",status="200"}`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split("\n")) {
    const match = line.match(/^([a-z_]+)(?:\{(.*)\})? (\S+)$/);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}

describe("/api/metrics", () => {
  it("is a 404 without the token, with a wrong one, and when METRICS_TOKEN is unset", async () => {
    expect((await scrape()).status).toBe(404);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(404);
    expect((await scrape(`Bearer wrong`)).status).toBe(404);
    expect((await scrape(TOKEN)).status).toBe(404);
    delete process.env.METRICS_TOKEN;
    try {
      expect((await scrape("Bearer ")).status).toBe(404);
      expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    } finally {
      process.env.METRICS_TOKEN = TOKEN;
    }
  });

  it("counts webhooks by provider and status and observes their latency", async () => {
    const before = await metricsText();
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const messenger = await createApp({ installer: alice, provider: "messenger" });
    const whatsapp = await createApp({ installer: alice, provider: "whatsapp" });
    expect((await sendInbound(messenger, newPsid(), "Hello")).status).toBe(200);
    expect((await sendInbound(messenger, newPsid(), "Hello again")).status).toBe(200);
    expect((await sendInbound(whatsapp, "whatsapp:+420700000001", "Ahoj")).status).toBe(200);
    const forged = messengerRequest(messenger, [inboundEvent(messenger, newPsid())], { appSecret: "not-the-secret" });
    expect((await postWebhook("messenger", messenger.id, { headers: forged.headers, body: forged.body })).status).toBe(401);

    const after = await metricsText();
    const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    expect(delta("switchboard_webhooks_total", { provider: "messenger", status: "200" })).toBe(2);
    expect(delta("switchboard_webhooks_total", { provider: "messenger", status: "401" })).toBe(1);
    expect(delta("switchboard_webhooks_total", { provider: "whatsapp", status: "200" })).toBe(1);
    expect(delta("switchboard_webhook_ingest_seconds_count", { provider: "messenger" })).toBe(3);
    expect(delta("switchboard_webhook_ingest_seconds_bucket", { provider: "whatsapp", le: "+Inf" })).toBe(1);
    expect(sample(after, "switchboard_webhook_ingest_seconds_sum", { provider: "messenger" })).toBeGreaterThan(0);
  });

  it("reports the queue per status and the oldest due job's age, read from the database at scrape", async () => {
    await idleJob.enqueue(db, {}, { runAt: new Date(Date.now() - 120_000) });
    await idleJob.enqueue(db, {});
    await brokenJob.enqueue(db, {});
    await drainJobs({ jobs: [brokenJob], retryBaseMs: 0 });

    const text = await metricsText();
    expect(sample(text, "switchboard_jobs", { queue: "test.metrics.idle", status: "queued" })).toBe(2);
    expect(sample(text, "switchboard_jobs", { queue: "test.metrics.idle", status: "running" })).toBe(0);
    expect(sample(text, "switchboard_jobs", { queue: BROKEN, status: "failed" })).toBe(1);
    expect(sample(text, "switchboard_job_oldest_due_age_seconds", { queue: "test.metrics.idle" })).toBeGreaterThanOrEqual(119);
    expect(sample(text, "switchboard_job_duration_seconds_count", { queue: BROKEN, outcome: "error" })).toBe(1);
  });

  it("counts sign-in failures, push and email outcomes, and open live streams", async () => {
    const before = await metricsText();
    const workspace = await createWorkspace();
    const user = await createUser({ workspace, email: `metrics-${Date.now()}@example.test` });
    expect((await checkCredentials(db, { email: user.email, password: "wrong password" }, null)).ok).toBe(false);
    expect((await checkCredentials(db, { email: "nobody@example.test", password: "whatever" }, null)).ok).toBe(false);

    const browser = pushService.newBrowser("metrics");
    await savePushSubscription(db, user.id, pushSubscriptionSchema.parse({ endpoint: browser.endpoint, keys: browser.keys, userAgent: "test" }));
    const everything = Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, { desktop: true, email: true }])) as PreferenceMatrix;
    await savePreferences(db, user.id, everything);
    await enqueueTestNotification(await getDb(), user.id);
    await drainJobs({ queues: [notifyTestJob.queue], retryBaseMs: 0 });
    expect(browser.delivered()).toHaveLength(1);

    const untrack = [trackLiveStream({ close() {} }), trackLiveStream({ close() {} })];
    const after = await metricsText();
    const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(delta("switchboard_sign_in_failures_total", { reason: "invalid_credentials" })).toBe(2);
    expect(delta("switchboard_notification_deliveries_total", { kind: "push", outcome: "sent" })).toBe(1);
    expect(delta("switchboard_notification_deliveries_total", { kind: "email", outcome: "sent" })).toBe(1);
    expect(delta("switchboard_notification_deliveries_total", { kind: "toast", outcome: "sent" })).toBe(1);
    expect(sample(after, "switchboard_live_streams_open")).toBe(sample(before, "switchboard_live_streams_open") + 2);
    for (const end of untrack) end();
    expect(sample(await metricsText(), "switchboard_live_streams_open")).toBe(sample(before, "switchboard_live_streams_open"));
    // Process metrics come along (memory, event loop lag) for the instance dashboard.
    expect(after).toContain("switchboard_process_resident_memory_bytes");
  });
});
