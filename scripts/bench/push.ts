import { parseArgs } from "node:util";
import { POST as whatsappWebhook } from "@/app/api/webhooks/whatsapp/[appId]/route";
import { openPglite, openPostgres } from "@/db/client";
import { closeDatabase, installDatabaseHandle } from "@/db/index";
import { DEMO, seedDemoWorkspace } from "@/lib/demo/seed";
import { APP_JOBS } from "@/lib/server/app-jobs";
import { startJobWorker, stopJobWorker } from "@/lib/jobs/worker";
import { savePushSubscription } from "@/lib/notifications/push-subscriptions";
import { setPushAgent } from "@/lib/notifications/push-transport";
import { signedTwilioRequest, twilioInboundParams } from "@/lib/webhooks/signed-requests";
import { startPushServiceStandIn } from "@/tests/stand-ins/push-service";
import { percentile } from "./stats";

/**
 * `npm run bench:push`: webhook → web push latency, in one process. A WhatsApp webhook goes
 * through the real route handler; the message's notification job (the in-process worker)
 * encrypts and sends a push to a local push service, which decrypts it. Measured: from the
 * webhook call to the push arriving at the push service. Runs on an in-memory PGlite, or on a
 * fresh PostgreSQL database when DATABASE_URL is set.
 */
const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "300" },
    concurrency: { type: "string", default: "4" },
    // Accepted so `npm run bench -- --url …` can size every bench; this one runs in-process.
    url: { type: "string" },
    "public-url": { type: "string" },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const APP_URL = "http://localhost:3000";
process.env.APP_URL = APP_URL;

async function openDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) return openPglite();
  const { default: postgres } = await import("postgres");
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists switchboard_bench_push with (force)");
  await admin.unsafe("create database switchboard_bench_push");
  await admin.end();
  const target = new URL(url);
  target.pathname = "/switchboard_bench_push";
  return openPostgres(target.toString());
}

const handle = await openDatabase();
installDatabaseHandle(handle);
await seedDemoWorkspace(handle.db);
const pushService = await startPushServiceStandIn();
setPushAgent(pushService.agent);
const browser = pushService.newBrowser("bob's laptop");
await savePushSubscription(handle.db, DEMO.users.bob, { endpoint: browser.endpoint, keys: browser.keys });
await startJobWorker(handle, APP_JOBS, { pollMs: 250 });

const arrived = new Map<string, number>();
const waiters = new Map<string, () => void>();
const seen = new Set<string>();
const watch = setInterval(() => {
  for (const push of pushService.received) {
    const body = push.payload?.body;
    if (!body || seen.has(body)) continue;
    seen.add(body);
    arrived.set(body, performance.now());
    waiters.get(body)?.();
  }
}, 2);

async function one(index: number): Promise<number> {
  const text = `bench push ${index} ${Date.now()}`;
  const path = `/api/webhooks/whatsapp/${DEMO.whatsappAppId}`;
  const request = signedTwilioRequest({
    baseUrl: APP_URL,
    path,
    authToken: DEMO.whatsapp.authToken,
    params: twilioInboundParams({
      accountSid: DEMO.whatsapp.accountSid,
      to: DEMO.whatsapp.sender,
      from: `whatsapp:+42077${String(index % 50).padStart(7, "0")}`,
      profileName: `Bench ${index % 50}`,
      text,
    }),
  });
  const started = performance.now();
  const received = new Promise<void>((resolve) => waiters.set(text, resolve));
  const response = await whatsappWebhook(new Request(request.url, { method: "POST", headers: request.headers, body: request.body }), {
    params: Promise.resolve({ appId: DEMO.whatsappAppId }),
  });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no push for message ${index}`)), 30_000));
  await Promise.race([received, timeout]);
  return arrived.get(text)! - started;
}

const latencies: number[] = [];
let next = 0;
const startedAll = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) latencies.push(await one(next++));
  }),
);
const elapsed = (performance.now() - startedAll) / 1000;
clearInterval(watch);
await stopJobWorker();
await pushService.close();
await closeDatabase();

latencies.sort((a, b) => a - b);
console.log(
  `push: ${total} webhooks → ${latencies.length} pushes decrypted at the push service in ${elapsed.toFixed(1)} s ` +
    `(${handle.kind}, concurrency ${concurrency})\n` +
    `  webhook → push  p50 ${percentile(latencies, 50).toFixed(0)} ms  p95 ${percentile(latencies, 95).toFixed(0)} ms  ` +
    `p99 ${percentile(latencies, 99).toFixed(0)} ms  max ${latencies.at(-1)!.toFixed(0)} ms`,
);
