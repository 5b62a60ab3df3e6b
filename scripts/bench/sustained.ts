import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openPostgres } from "@/db/client";
import { closeDatabase, installDatabaseHandle } from "@/db/index";
import { DEMO, seedDemoWorkspace } from "@/lib/demo/seed";
import { savePushSubscription } from "@/lib/notifications/push-subscriptions";
import { signedTwilioRequest, twilioInboundParams, type SignedRequest } from "@/lib/webhooks/signed-requests";
import { startPushServiceStandIn } from "@/tests/stand-ins/push-service";
import { dropDatabase, freshDatabase, repoRoot, requireBuild, startApp, type RunningProcess } from "./app-process";
import { readEvents, signIn } from "./session";
import { fire, fireAll, timedRound } from "./load";
import { percentile } from "./stats";

const usage = `Usage: npm run bench:sustained -- [options]

Spec §16, "background work keeps up": two \`next start\` instances (build first) share one fresh
PostgreSQL database and its job queue. The bench measures their maximum ingest rate (a burst of
signed WhatsApp webhooks at concurrency 16, spread over both), then sends webhooks at 80% of it
for 60 s, spread over both. Each message notifies a demo user whose browser is subscribed at a
local push service, and a signed-in user watches /api/events. Prints the job backlog when the
sending stops (and how many seconds of the workers' measured rate it is), webhook → web push
p50/p95 at the push service and webhook → message.created p50/p95 on the live stream.
Exits 1 if a webhook failed or a push or event never came.
  --seconds S      how long to sustain the rate (default 60)
  --burst N        webhooks in the maximum-rate burst (default 2000)
  --fraction F     share of the maximum rate to sustain (default 0.8)
  --contacts K     distinct senders (default 200)
  --port P         first instance's port (default 3335), the second uses P+2
PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; the bench creates
and drops its own database sb_throughput_bench_sustained.`;

const { values } = parseArgs({
  strict: false,
  options: {
    seconds: { type: "string", default: "60" },
    burst: { type: "string", default: "2000" },
    fraction: { type: "string", default: "0.8" },
    contacts: { type: "string", default: "200" },
    port: { type: "string", default: "3335" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const seconds = Number(values.seconds);
const burst = Number(values.burst);
const fraction = Number(values.fraction);
const contactCount = Number(values.contacts);
const port = Number(values.port);
const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const databaseName = "sb_throughput_bench_sustained";
const run = randomBytes(4).toString("hex");
// Twilio signs the public URL: both instances are one app behind one address, as behind a proxy.
const publicUrl = `http://localhost:${port}`;
// The push service stand-in listens on 127.0.0.1; spec §15 lets PUSH_SERVICE_HOSTS name it.
process.env.PUSH_SERVICE_HOSTS = "127.0.0.1";
requireBuild();

const numberOf = (k: number) => `whatsapp:+4207${String(k).padStart(8, "0")}`;

function webhook(target: RunningProcess, contact: number, text: string): SignedRequest {
  return signedTwilioRequest({
    baseUrl: target.url,
    publicBaseUrl: publicUrl,
    path: `/api/webhooks/whatsapp/${DEMO.whatsappAppId}`,
    authToken: DEMO.whatsapp.authToken,
    params: twilioInboundParams({
      accountSid: DEMO.whatsapp.accountSid,
      to: DEMO.whatsapp.sender,
      from: numberOf(contact),
      profileName: `Sustained ${contact}`,
      text,
    }),
  });
}

async function countDueJobs(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from jobs where status in ('queued', 'running') and run_at <= now()`;
  return row!.n;
}
async function countDoneJobs(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from jobs where status in ('done', 'failed')`;
  return row!.n;
}
async function waitForDrain(sql: postgres.Sql, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && (await countDueJobs(sql)) > 0) await sleep(250);
}

const databaseUrl = await freshDatabase(serverUrl, databaseName);
const seedHandle = await openPostgres(databaseUrl, { max: 2 });
installDatabaseHandle(seedHandle);
await seedDemoWorkspace(seedHandle.db);
const pushService = await startPushServiceStandIn();
const browser = pushService.newBrowser("bob's laptop");
await savePushSubscription(seedHandle.db, DEMO.users.bob, { endpoint: browser.endpoint, keys: browser.keys });
await closeDatabase();

const dataDir = path.join(repoRoot, ".data-bench", "sustained");
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const caFile = path.join(dataDir, "push-stand-in.pem");
fs.writeFileSync(caFile, pushService.certificate);
const env = { DATABASE_URL: databaseUrl, APP_URL: publicUrl, NODE_EXTRA_CA_CERTS: caFile };
const instances = [await startApp({ port, dataDir, env }), await startApp({ port: port + 2, dataDir, env })];
const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });

let failed = false;
try {
  // Warm-up: every contact has a conversation, both instances have compiled their routes.
  const warm = await fireAll(
    Array.from({ length: contactCount }, (_, k) => webhook(instances[k % 2]!, k, `sustained ${run} warm ${k}`)),
    16,
  );
  if (warm.some((o) => o.status !== 200)) throw new Error(`warm-up failed: ${JSON.stringify(warm.find((o) => o.status !== 200))}`);
  await waitForDrain(sql, 120_000);

  // The live stream, as a signed-in browser on the first instance.
  const jar = await signIn(instances[0]!.url, "alice@demo.test", DEMO.password);
  const stream = new AbortController();
  const events = await fetch(`${instances[0]!.url}/api/events`, { headers: { cookie: jar.header(), accept: "text/event-stream" }, signal: stream.signal });
  if (!events.ok || !events.body) throw new Error(`GET /api/events answered ${events.status}`);
  const eventAt = new Map<string, number>();
  // What the stream carried, so a run with missing events says why (a resync, a close, nothing).
  const eventTypes = new Map<string, number>();
  let streamEndedAt: number | null = null;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const reading = readEvents(events, (event) => {
    eventTypes.set(event.type, (eventTypes.get(event.type) ?? 0) + 1);
    if (event.type === "ready") resolveReady();
    if (event.type === "message.created" && event.messageId && !eventAt.has(event.messageId)) eventAt.set(event.messageId, performance.now());
  })
    .then(() => {
      if (!stream.signal.aborted) streamEndedAt = performance.now();
    })
    .catch((error: unknown) => {
      if (!stream.signal.aborted) throw error;
    });
  await ready;

  // 1. The maximum ingest rate of the pair, workers running.
  const burstRound = await timedRound(
    Array.from({ length: burst }, (_, i) => webhook(instances[i % 2]!, i % contactCount, `sustained ${run} burst ${i}`)),
    16,
  );
  if (burstRound.non200 > 0) throw new Error(`burst: ${burstRound.non200} failed, e.g. ${burstRound.firstFailure}`);
  const maxRate = burstRound.perSecond;
  const rate = maxRate * fraction;
  console.log(`sustained: two instances (${instances.map((i) => i.url).join(", ")}), one PostgreSQL database`);
  console.log(`  maximum ingest: ${maxRate.toFixed(1)} webhooks/s (${burst} at concurrency 16, p99 ${burstRound.p99Ms.toFixed(0)} ms)`);
  await waitForDrain(sql, 300_000);
  pushService.received.length = 0;

  // 2. Open loop at `rate` for `seconds`: sends are scheduled by the clock, not by answers.
  const sentAt = new Map<string, number>();
  const outcomes: Promise<{ status: number | "error" }>[] = [];
  const doneBefore = await countDoneJobs(sql);
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; sent < due; sent++) {
      const text = `sustained ${run} ${sent}`;
      sentAt.set(text, performance.now());
      outcomes.push(fire(webhook(instances[sent % 2]!, sent % contactCount, text)));
    }
    await sleep(5);
  }
  const elapsed = (performance.now() - started) / 1000;
  const results = await Promise.all(outcomes);
  const backlog = await countDueJobs(sql);
  const workedPerSecond = ((await countDoneJobs(sql)) - doneBefore) / elapsed;
  const non200 = results.filter((r) => r.status !== 200).length;

  // Every message's push and live event, however late.
  await waitForDrain(sql, 120_000);
  const deadline = Date.now() + 15_000;
  const pushAt = () => new Map(pushService.received.filter((p) => p.payload && sentAt.has(p.payload.body)).map((p) => [p.payload!.body, p.receivedAt]));
  while (Date.now() < deadline && (pushAt().size < sent || eventAt.size < sent)) await sleep(250);
  stream.abort();
  await reading;

  const pushes = pushAt();
  const pushLatencies = [...pushes].map(([text, at]) => at - sentAt.get(text)!).sort((a, b) => a - b);
  const texts = await sql<{ id: string; text: string }[]>`select id, text from messages where text like ${`sustained ${run} %`} and text not like '% warm %' and text not like '% burst %'`;
  const eventLatencies = texts
    .filter((m) => eventAt.has(m.id) && sentAt.has(m.text))
    .map((m) => eventAt.get(m.id)! - sentAt.get(m.text)!)
    .sort((a, b) => a - b);
  const backlogSeconds = backlog / Math.max(workedPerSecond, 1e-9);

  console.log(`  sustained: ${sent} webhooks over ${elapsed.toFixed(1)} s at ${rate.toFixed(1)}/s (${Math.round(fraction * 100)}% of maximum) · non-200: ${non200} · stored: ${texts.length}`);
  console.log(
    `  backlog when sending stopped: ${backlog} due jobs; the workers did ${workedPerSecond.toFixed(1)} jobs/s → ${backlogSeconds.toFixed(2)} s of work (budget < 1 s)`,
  );
  console.log(
    `  webhook → web push at the push service: p50 ${percentile(pushLatencies, 50).toFixed(0)} ms · p95 ${percentile(pushLatencies, 95).toFixed(0)} ms (budget < 1000 ms) · ${pushes.size} of ${sent} arrived`,
  );
  console.log(
    `  webhook → message.created on /api/events: p50 ${percentile(eventLatencies, 50).toFixed(0)} ms · p95 ${percentile(eventLatencies, 95).toFixed(0)} ms (budget < 250 ms) · ${eventLatencies.length} of ${sent} arrived`,
  );
  console.log(
    `  live stream carried: ${[...eventTypes].map(([type, n]) => `${type} ${n}`).join(", ")}` +
      (streamEndedAt === null ? "" : ` · the server ENDED it ${((streamEndedAt - started) / 1000).toFixed(1)} s into the sustained phase`),
  );
  const within = backlogSeconds < 1 && percentile(pushLatencies, 95) < 1000 && percentile(eventLatencies, 95) < 250;
  console.log(`  → ${within ? "within budget" : "OVER BUDGET"}`);
  failed = non200 > 0 || texts.length !== sent || pushes.size < sent || eventLatencies.length < sent;
} finally {
  await sql.end();
  for (const instance of instances) await instance.stop();
  await pushService.close();
  await dropDatabase(serverUrl, databaseName);
}
process.exit(failed ? 1 : 0);
