import { randomBytes, randomInt } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import fs from "node:fs";
import postgres from "postgres";
import { openPglite, openPostgres, type DatabaseHandle } from "@/db/client";
import { DEMO, seedDemoWorkspace } from "@/db/seed";
import { messengerMessageEvent, psidFor, signedMessengerRequest, type SignedRequest } from "@/lib/webhooks/signed-requests";
import {
  dropDatabase,
  freshDatabase,
  repoRoot,
  requireBuild,
  startApp,
  startBaseline,
  startProfileStandIn,
  type RunningProcess,
} from "./app-process";
import { fireAll, median, timedRound, type RoundFigures } from "./load";

const usage = `Usage: npm run bench:ingest -- [options]

Spec §16: webhook ingest against a bare node:http + postgres.js server doing the same signature
check, parse and one transaction (scripts/bench/ingest-baseline.ts, its own database). Starts
\`next start\` (build first: npm run build) on a fresh seeded database and the baseline, then
alternates them (app, baseline, app, baseline, …) with N signed Messenger webhooks per round at
concurrency C: fresh message ids, senders drawn from ~200 contacts of the demo page, so every
request stores a message. Counts the stored messages on both sides and exits 1 if any is
missing or any answer was not 200. Prints per-round and median throughput and p99, and their
ratios. Between rounds it waits for the app's worker to drain its backlog (PostgreSQL), so the
baseline's round does not compete with it for CPU.
  --requests N       webhooks per round (default 3000)
  --rounds R         app/baseline pairs (default 3)
  --concurrency C    requests in flight (default 16)
  --contacts K       distinct senders (default 200)
  --databases LIST   postgres,pglite (default both; PGlite's figures are informative only)
  --port P           the app's port (default 3335); the baseline uses P+1, Meta's stand-in P-4
  --json             print the figures as JSON
  --cpu-prof         the app writes a V8 CPU profile into .data-bench/ingest-<database>/ on exit
PostgreSQL server: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; the bench
creates and drops its own databases sb_throughput_bench_app and sb_throughput_bench_baseline.`;

const { values } = parseArgs({
  strict: false,
  options: {
    requests: { type: "string", default: "3000" },
    rounds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "16" },
    contacts: { type: "string", default: "200" },
    databases: { type: "string", default: "postgres,pglite" },
    port: { type: "string", default: "3335" },
    json: { type: "boolean", default: false },
    "cpu-prof": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const int = (name: string) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer\n\n${usage}`);
    process.exit(2);
  }
  return n;
};
const perRound = int("requests");
const rounds = int("rounds");
const concurrency = int("concurrency");
const contactCount = int("contacts");
const port = int("port");
const databases = String(values.databases)
  .split(",")
  .map((d) => d.trim()) as Array<"postgres" | "pglite">;
const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const benchDir = path.join(repoRoot, ".data-bench");
const run = randomBytes(4).toString("hex");
const contacts = Array.from({ length: contactCount }, (_, k) => psidFor(`Bench ingest contact ${k}`));

function webhooks(baseUrl: string, label: string, count: number, pickSender: (i: number) => string): SignedRequest[] {
  return Array.from({ length: count }, (_, i) =>
    signedMessengerRequest({
      baseUrl,
      appId: DEMO.messengerAppId,
      appSecret: DEMO.messenger.appSecret,
      pageId: DEMO.messenger.pageId,
      events: [messengerMessageEvent({ pageId: DEMO.messenger.pageId, psid: pickSender(i), text: `bench-ingest ${run} ${label} ${i}` })],
    }),
  );
}

/** Every contact twice, untimed: the conversations exist before timing, and both servers are warm. */
async function warmUp(target: RunningProcess, label: string): Promise<number> {
  const requests = webhooks(target.url, `${label}-warm`, contactCount * 2, (i) => contacts[i % contactCount]!);
  const outcomes = await fireAll(requests, concurrency);
  const failed = outcomes.filter((o) => o.status !== 200);
  if (failed.length > 0) throw new Error(`${label} warm-up: ${failed.length} failed, e.g. ${failed[0]!.status} ${failed[0]!.detail}`);
  return requests.length;
}

async function waitForDrain(appDatabaseUrl: string): Promise<{ jobs: number; seconds: number }> {
  if (process.env.SWITCHBOARD_DISABLE_WORKER === "1") return { jobs: 0, seconds: 0 };
  const sql = postgres(appDatabaseUrl, { max: 1, onnotice: () => {} });
  const started = performance.now();
  let first = -1;
  try {
    for (;;) {
      const [row] = await sql<{ due: number }[]>`
        select count(*)::int as due from jobs where status in ('queued', 'running') and run_at <= now()`;
      if (first < 0) first = row!.due;
      if (row!.due < 20 || performance.now() - started > 300_000) break;
      await sleep(500);
    }
  } finally {
    await sql.end();
  }
  return { jobs: first, seconds: (performance.now() - started) / 1000 };
}

async function countAppMessages(handle: DatabaseHandle | string): Promise<number> {
  const like = `bench-ingest ${run} %`;
  if (typeof handle === "string") {
    const sql = postgres(handle, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from messages where text like ${like}`;
      return row!.n;
    } finally {
      await sql.end();
    }
  }
  const { messages } = await import("@/db/schema");
  const { count, like: likeOp } = await import("drizzle-orm");
  const [row] = await handle.db.select({ n: count() }).from(messages).where(likeOp(messages.text, like));
  return row!.n;
}

async function countBaselineMessages(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from messages`;
    return row!.n;
  } finally {
    await sql.end();
  }
}

type KindResult = {
  database: "postgres" | "pglite";
  app: RoundFigures[];
  baseline: RoundFigures[];
  drains: { jobs: number; seconds: number }[];
  stored: { app: number; appExpected: number; baseline: number; baselineExpected: number };
};

async function benchOne(database: "postgres" | "pglite"): Promise<KindResult> {
  const dataDir = path.join(benchDir, `ingest-${database}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const appDatabaseUrl = database === "postgres" ? await freshDatabase(serverUrl, "sb_throughput_bench_app") : null;
  const seeded = appDatabaseUrl ? await openPostgres(appDatabaseUrl, { max: 1 }) : await openPglite(path.join(dataDir, "pglite"));
  await seedDemoWorkspace(seeded.db);
  await seeded.close();
  const baselineUrl = await freshDatabase(serverUrl, "sb_throughput_bench_baseline");

  const standIn = await startProfileStandIn(port - 4);
  const app = await startApp({
    port,
    dataDir,
    env: {
      ...(appDatabaseUrl ? { DATABASE_URL: appDatabaseUrl } : {}),
      MESSENGER_API_BASE: `http://127.0.0.1:${port - 4}`,
    },
    nodeArgs: values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${dataDir}`] : [],
  });
  const baseline = await startBaseline({ port: port + 1, databaseUrl: baselineUrl, appSecret: DEMO.messenger.appSecret, logDir: dataDir });
  const result: KindResult = { database, app: [], baseline: [], drains: [], stored: { app: 0, appExpected: 0, baseline: 0, baselineExpected: 0 } };
  try {
    result.stored.appExpected += await warmUp(app, "app");
    result.stored.baselineExpected += await warmUp(baseline, "baseline");
    if (appDatabaseUrl) result.drains.push(await waitForDrain(appDatabaseUrl));
    const pick = () => contacts[randomInt(contactCount)]!;
    for (let round = 1; round <= rounds; round++) {
      const appRound = await timedRound(webhooks(app.url, `app-${round}`, perRound, pick), concurrency);
      result.app.push(appRound);
      result.stored.appExpected += perRound - appRound.non200;
      if (appDatabaseUrl) result.drains.push(await waitForDrain(appDatabaseUrl));
      const baselineRound = await timedRound(webhooks(baseline.url, `baseline-${round}`, perRound, pick), concurrency);
      result.baseline.push(baselineRound);
      result.stored.baselineExpected += perRound - baselineRound.non200;
      report(`  round ${round}: ${line(appRound, baselineRound)}`);
    }
  } finally {
    await app.stop();
    await baseline.stop();
    standIn.close();
  }
  result.stored.baseline = await countBaselineMessages(baselineUrl);
  if (appDatabaseUrl) {
    result.stored.app = await countAppMessages(appDatabaseUrl);
    await dropDatabase(serverUrl, "sb_throughput_bench_app");
  } else {
    const reopened = await openPglite(path.join(dataDir, "pglite"));
    result.stored.app = await countAppMessages(reopened);
    await reopened.close();
  }
  await dropDatabase(serverUrl, "sb_throughput_bench_baseline");
  return result;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
function line(app: RoundFigures, baseline: RoundFigures): string {
  return (
    `app ${fmt(app.perSecond)} req/s p99 ${fmt(app.p99Ms)} ms · baseline ${fmt(baseline.perSecond)} req/s p99 ${fmt(baseline.p99Ms)} ms` +
    ` · throughput ${fmt(app.perSecond / baseline.perSecond, 2)}× · p99 ${fmt(app.p99Ms / baseline.p99Ms, 2)}×` +
    (app.non200 + baseline.non200 ? ` · non-200 app ${app.non200} baseline ${baseline.non200}` : "")
  );
}
function report(text: string) {
  if (!values.json) console.log(text);
}

const summaries: object[] = [];
let failed = false;
requireBuild();
for (const database of databases) {
  report(`ingest on ${database}: ${rounds} × ${perRound} signed Messenger webhooks per side, concurrency ${concurrency}, ${contactCount} senders (app ${port}, baseline ${port + 1})`);
  const result = await benchOne(database);
  const medianApp = median(result.app.map((r) => r.perSecond));
  const medianBase = median(result.baseline.map((r) => r.perSecond));
  const medianAppP99 = median(result.app.map((r) => r.p99Ms));
  const medianBaseP99 = median(result.baseline.map((r) => r.p99Ms));
  const throughputRatio = medianApp / medianBase;
  const p99Ratio = medianAppP99 / medianBaseP99;
  const storedOk = result.stored.app === result.stored.appExpected && result.stored.baseline === result.stored.baselineExpected;
  const non200 = [...result.app, ...result.baseline].reduce((sum, r) => sum + r.non200, 0);
  if (!storedOk || non200 > 0) failed = true;
  report(
    `  median: app ${fmt(medianApp)} req/s p99 ${fmt(medianAppP99)} ms · baseline ${fmt(medianBase)} req/s p99 ${fmt(medianBaseP99)} ms` +
      ` → throughput ${fmt(throughputRatio, 2)}× (budget ≥ 0.8×) · p99 ${fmt(p99Ratio, 2)}× (budget ≤ 2×)` +
      (database === "pglite" ? " [PGlite: figures only]" : ` → ${throughputRatio >= 0.8 && p99Ratio <= 2 ? "within budget" : "OVER BUDGET"}`),
  );
  report(
    `  stored messages: app ${result.stored.app} of ${result.stored.appExpected} · baseline ${result.stored.baseline} of ${result.stored.baselineExpected}` +
      (storedOk ? "" : "  ← MISSING MESSAGES") +
      (non200 ? ` · non-200 answers: ${non200}, e.g. ${[...result.app, ...result.baseline].find((r) => r.firstFailure)?.firstFailure}` : ""),
  );
  if (result.drains.length > 0) {
    report(`  app's worker backlog after each app round: ${result.drains.map((d) => `${d.jobs} jobs drained in ${fmt(d.seconds)} s`).join(" · ")}`);
  }
  summaries.push({ ...result, medianApp, medianBase, medianAppP99, medianBaseP99, throughputRatio, p99Ratio, storedOk, non200 });
}
if (values.json) console.log(JSON.stringify(summaries));
process.exit(failed ? 1 : 0);
