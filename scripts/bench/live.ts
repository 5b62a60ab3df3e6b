import { readFileSync } from "node:fs";
import postgres from "postgres";
import { parseArgs } from "node:util";
import { batcher } from "@/components/inbox/live-bus";
import { DEMO } from "@/lib/demo/seed";
import { MAX_ROWS_PER_FETCH } from "@/lib/views";
import { startServer } from "./server";
import { readEvents, signIn, type CookieJar } from "./session";
import { percentile } from "./stats";
import { webhookBuilder } from "./target";
import { ensureDatabase } from "./views-data";

const usage = `Usage: npm run bench:live -- [--clients 10,50] [--rate 20] [--seconds 60] [--port 3366]

Starts \`next start\` (run \`npm run build\` first) on the bench:views 10k database (run
bench:views once to build it) and, for each K, opens K clients signed in as K agents of their own that do what the inbox
page does per event: the SSE stream, then GET /api/inbox/rows for the conversations an event
named (batched per 100 ms). WhatsApp webhooks arrive at --rate per second for --seconds. A
client is current for a message once a row it fetched shows that message; prints p50/p95 of
webhook → current over all clients and messages, messages never seen, server CPU ms per
message and peak RSS. Targets: p95 ≤ 1000 ms, RSS ≤ 300 MB at K = 50, 20/s.`;

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "10,50" },
    rate: { type: "string", default: "20" },
    seconds: { type: "string", default: "60" },
    port: { type: "string", default: "3366" },
    "admin-url": { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const adminUrl = values["admin-url"] ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const baseUrl = `http://localhost:${port}`;

function procStats(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  return { cpuMs: (ticks * 1000) / 100, rssMb: rss };
}

type Row = { id: string; lastMessagePreview: string | null };

/**
 * One simulated browser on /messaging/unassigned: its stream and the row fetches its list makes,
 * through the page's own batcher (components/inbox/live-bus.ts, 100 ms as in conversation-list):
 * ids collected per 100 ms, one fetch in flight at a time, so a busy server gets bigger batches
 * rather than more requests, as a real tab does.
 */
async function openClient(jar: CookieJar, onRows: (rows: Row[]) => void, stop: AbortSignal) {
  const response = await fetch(`${baseUrl}/api/events`, { headers: { cookie: jar.header(), accept: "text/event-stream" }, signal: stop });
  const rows = batcher(100, async (ids) => {
    const answer = await fetch(`${baseUrl}/api/inbox/rows?view=unassigned&ids=${ids.join(",")}`, { headers: { cookie: jar.header() }, signal: stop });
    if (answer.status >= 500) throw new Error(`rows answered ${answer.status}`);
    if (answer.ok) onRows(((await answer.json()) as { rows: Row[] }).rows);
  }, { maxBatch: MAX_ROWS_PER_FETCH });
  stop.addEventListener("abort", () => rows.cancel());
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  void readEvents(response, (event) => {
    if (event.type === "ready") resolveReady();
    if (event.type === "message.created" && event.conversationId) rows.add(event.conversationId);
  }).catch(() => {});
  await ready;
}

async function runFor(k: number, jars: CookieJar[]) {
  const { webhook } = webhookBuilder({ url: baseUrl, "messenger-app": DEMO.messengerAppId, "messenger-secret": DEMO.messenger.appSecret, page: DEMO.messenger.pageId, "whatsapp-app": DEMO.whatsappAppId, "whatsapp-token": DEMO.whatsapp.authToken, "account-sid": DEMO.whatsapp.accountSid, sender: DEMO.whatsapp.sender }, "4209");
  const sentAt = new Map<string, number>();
  const seen = new Map<string, Set<number>>();
  const latencies: number[] = [];
  const stop = new AbortController();
  for (let i = 0; i < k; i++) {
    const client = i;
    await openClient(jars[i % jars.length]!, (rows) => {
      for (const row of rows) {
        const sent = row.lastMessagePreview ? sentAt.get(row.lastMessagePreview) : undefined;
        if (sent === undefined) continue;
        const clients = seen.get(row.lastMessagePreview!) ?? new Set();
        if (!clients.has(client)) latencies.push(performance.now() - sent);
        clients.add(client);
        seen.set(row.lastMessagePreview!, clients);
      }
    }, stop.signal);
  }
  const run = Date.now().toString(36);
  const total = rate * seconds;
  const before = procStats(serverPid);
  let peakRss = before.rssMb;
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const text = `live ${run} ${n}`;
    const request = webhook("whatsapp", `live-${n % 200}`, text);
    sentAt.set(text, performance.now());
    sends.push(fetch(request.url, { method: "POST", headers: request.headers, body: request.body }).then((r) => r.body?.cancel()));
    if (n % rate === 0) peakRss = Math.max(peakRss, procStats(serverPid).rssMb);
  }
  await Promise.all(sends);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const after = procStats(serverPid);
  stop.abort();
  // A message later overtaken in its row by the contact's next one may never be shown itself;
  // count only the last message of each contact as "must be seen".
  const lastOfContact = new Map<number, string>();
  for (let n = 0; n < total; n++) lastOfContact.set(n % 200, `live ${run} ${n}`);
  const missed = [...lastOfContact.values()].reduce((sum, text) => sum + (k - (seen.get(text)?.size ?? 0)), 0);
  latencies.sort((a, b) => a - b);
  console.log(
    `K=${String(k).padStart(3)} ${rate}/s × ${seconds}s: current p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, ` +
      `samples ${latencies.length}, last-message misses ${missed}, server CPU ${((after.cpuMs - before.cpuMs) / total).toFixed(1)} ms/message, peak RSS ${Math.max(peakRss, after.rssMb).toFixed(0)} MB`,
  );
}

/**
 * K agents of their own (members with access to the WhatsApp app, alice's password): one user
 * keeps at most 10 streams open (lib/realtime/live-stream.ts), and fifty agents are fifty users.
 */
async function ensureAgents(databaseUrl: string, count: number): Promise<string[]> {
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const emails = Array.from({ length: count }, (_, i) => `live-agent-${i + 1}@bench.test`);
    await db`
      insert into users (workspace_id, name, email, password_hash, role)
      select workspace_id, 'Live Agent ' || n, 'live-agent-' || n || '@bench.test', password_hash, 'member'
      from users, generate_series(1, ${count}::int) as n where email = 'alice@demo.test'
      on conflict (email) do nothing`;
    await db`
      insert into app_access (app_id, user_id)
      select ${DEMO.whatsappAppId}::uuid, id from users where email = any(${emails}) on conflict do nothing`;
    return emails;
  } finally {
    await db.end();
  }
}

let serverPid = 0;
async function main() {
  const url = await ensureDatabase(adminUrl, "sb_views_10k");
  const server = await startServer(url, port);
  serverPid = server.child.pid!;
  try {
    const jars: CookieJar[] = [];
    for (const email of await ensureAgents(url, Math.max(...values.clients.split(",").map(Number)))) jars.push(await signIn(baseUrl, email, DEMO.password));
    for (const k of values.clients.split(",").map(Number)) await runFor(k, jars);
  } finally {
    await server.stop();
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
