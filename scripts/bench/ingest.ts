import { randomBytes, randomInt } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import fs from "node:fs";
import postgres from "postgres";
import { openPglite, openPostgres, type DatabaseHandle } from "@/db/client";
import { DEMO, seedDemoWorkspace } from "@/lib/demo/seed";
import { messengerMessageEvent, psidFor, signedMessengerRequest, type SignedRequest } from "@/lib/webhooks/signed-requests";
import { startProfileStandIn } from "@/tests/stand-ins/meta";
import {
  dropDatabase,
  freshDatabase,
  repoRoot,
  requireBuild,
  startApp,
  startBaseline,
  startWorker,
  type RunningProcess,
} from "./app-process";
import { cpuMeter } from "./cpu";
import { fireAll, median, timedRound, type RoundFigures } from "./load";

const usage = `Usage: npm run bench:ingest -- [options]

Spec §16: webhook ingest against a bare node:http + postgres.js server doing the same signature
check, parse and one transaction (scripts/bench/ingest-baseline.ts, its own database). Starts
\`next start\` (build first: npm run build) on a fresh seeded database and the baseline, then
alternates them (app, baseline, app, baseline, …) with N signed Messenger webhooks per round at
concurrency C: fresh message ids, senders drawn from ~200 contacts of the demo page, so every
request stores a message. Counts the stored messages on both sides and exits 1 if any is
missing or any answer was not 200. Prints per-round and median throughput and p99, and their
ratios, and the CPU each side used per webhook (its process and its PostgreSQL backends): on a
shared machine throughput says how much CPU a server got, CPU per webhook what it needed.
On PostgreSQL the app runs as deployed (compose.yaml): the web instance with
SWITCHBOARD_DISABLE_WORKER=1 and the jobs in \`npm run worker\`, which the bench starts after
each app round to drain what it queued (the baseline only queues its job too) and reports the
drain's jobs/s. \`--worker inline\` runs the worker inside the app during its rounds instead.
  --requests N       webhooks per round (default 3000)
  --rounds R         app/baseline pairs (default 3)
  --concurrency C    requests in flight (default 16)
  --contacts K       distinct senders (default 200)
  --databases LIST   postgres,pglite (default both; PGlite's figures are informative only)
  --port P           the app's port (default 3335); the baseline uses P+1, Meta's stand-in P-4
  --worker MODE      separate (default on PostgreSQL) or inline; PGlite is always inline
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
    worker: { type: "string", default: "separate" },
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
if (values.worker !== "separate" && values.worker !== "inline") {
  console.error(`--worker must be separate or inline\n\n${usage}`);
  process.exit(2);
}
const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const benchDir = path.join(repoRoot, ".data-bench");
const run = randomBytes(4).toString("hex");
const appDatabaseName = "sb_throughput_bench_app";
const baselineDatabaseName = "sb_throughput_bench_baseline";
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

type Drain = { jobs: number; seconds: number; workerCpuMs: number };

async function countJobs(sql: postgres.Sql, which: "due" | "finished"): Promise<number> {
  const [row] =
    which === "due"
      ? await sql<{ n: number }[]>`select count(*)::int as n from jobs where status in ('queued', 'running') and run_at <= now()`
      : await sql<{ n: number }[]>`select count(*)::int as n from jobs where status in ('done', 'failed')`;
  return row!.n;
}

/**
 * Runs the app's queued jobs to the end, so the next round starts from an empty queue: with
 * a worker process of its own (`separate`, timed, its CPU counted) or by waiting for the app's.
 */
async function drainJobs(appDatabaseUrl: string, dataDir: string, round: number): Promise<Drain> {
  const sql = postgres(appDatabaseUrl, { max: 1, onnotice: () => {} });
  const finishedBefore = await countJobs(sql, "finished");
  const worker = values.worker === "separate" ? await startWorker({ dataDir, env: { DATABASE_URL: appDatabaseUrl }, name: `worker-${round}` }) : null;
  const meter = worker ? cpuMeter(worker.process.pid!, appDatabaseName) : null;
  const started = performance.now();
  try {
    while ((await countJobs(sql, "due")) > 0 && performance.now() - started < 600_000) await sleep(200);
    const seconds = (performance.now() - started) / 1000;
    const jobs = (await countJobs(sql, "finished")) - finishedBefore;
    return { jobs, seconds, workerCpuMs: meter?.stop().serverMs ?? Number.NaN };
  } finally {
    await worker?.stop();
    await sql.end();
  }
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

type CpuFigures = { serverMs: number; databaseMs: number; requests: number };
type KindResult = {
  database: "postgres" | "pglite";
  app: RoundFigures[];
  baseline: RoundFigures[];
  appCpu: CpuFigures[];
  baselineCpu: CpuFigures[];
  drains: Drain[];
  stored: { app: number; appExpected: number; baseline: number; baselineExpected: number };
};

async function benchOne(database: "postgres" | "pglite"): Promise<KindResult> {
  const dataDir = path.join(benchDir, `ingest-${database}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const appDatabaseUrl = database === "postgres" ? await freshDatabase(serverUrl, appDatabaseName) : null;
  const separateWorker = appDatabaseUrl !== null && values.worker === "separate";
  const seeded = appDatabaseUrl ? await openPostgres(appDatabaseUrl, { max: 1 }) : await openPglite(path.join(dataDir, "pglite"));
  await seedDemoWorkspace(seeded.db);
  await seeded.close();
  const baselineUrl = await freshDatabase(serverUrl, baselineDatabaseName);

  const standIn = await startProfileStandIn(port - 4);
  const app = await startApp({
    port,
    dataDir,
    env: {
      ...(appDatabaseUrl ? { DATABASE_URL: appDatabaseUrl } : {}),
      ...(separateWorker ? { SWITCHBOARD_DISABLE_WORKER: "1" } : {}),
      MESSENGER_API_BASE: `http://127.0.0.1:${port - 4}`,
    },
    nodeArgs: values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${dataDir}`] : [],
  });
  const baseline = await startBaseline({ port: port + 1, databaseUrl: baselineUrl, appSecret: DEMO.messenger.appSecret, logDir: dataDir });
  const result: KindResult = {
    database,
    app: [],
    baseline: [],
    appCpu: [],
    baselineCpu: [],
    drains: [],
    stored: { app: 0, appExpected: 0, baseline: 0, baselineExpected: 0 },
  };
  try {
    result.stored.appExpected += await warmUp(app, "app");
    result.stored.baselineExpected += await warmUp(baseline, "baseline");
    if (appDatabaseUrl) await drainJobs(appDatabaseUrl, dataDir, 0);
    const pick = () => contacts[randomInt(contactCount)]!;
    const measured = async (target: RunningProcess, databaseName: string | null, label: string) => {
      const requests = webhooks(target.url, label, perRound, pick);
      const meter = cpuMeter(target.process.pid!, databaseName);
      const figures = await timedRound(requests, concurrency);
      return { figures, cpu: { ...meter.stop(), requests: perRound } };
    };
    for (let round = 1; round <= rounds; round++) {
      const appRound = await measured(app, appDatabaseUrl ? appDatabaseName : null, `app-${round}`);
      result.app.push(appRound.figures);
      result.appCpu.push(appRound.cpu);
      result.stored.appExpected += perRound - appRound.figures.non200;
      if (appDatabaseUrl) result.drains.push(await drainJobs(appDatabaseUrl, dataDir, round));
      const baselineRound = await measured(baseline, baselineDatabaseName, `baseline-${round}`);
      result.baseline.push(baselineRound.figures);
      result.baselineCpu.push(baselineRound.cpu);
      result.stored.baselineExpected += perRound - baselineRound.figures.non200;
      report(`  round ${round}: ${line(appRound.figures, baselineRound.figures)}`);
      report(`           CPU per webhook: ${cpuLine(appRound.cpu, baselineRound.cpu)}`);
    }
  } finally {
    await app.stop();
    await baseline.stop();
    await standIn.close();
  }
  result.stored.baseline = await countBaselineMessages(baselineUrl);
  if (appDatabaseUrl) {
    result.stored.app = await countAppMessages(appDatabaseUrl);
    await dropDatabase(serverUrl, appDatabaseName);
  } else {
    const reopened = await openPglite(path.join(dataDir, "pglite"));
    result.stored.app = await countAppMessages(reopened);
    await reopened.close();
  }
  await dropDatabase(serverUrl, baselineDatabaseName);
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
const perWebhook = (cpu: CpuFigures) => ({ server: cpu.serverMs / cpu.requests, database: cpu.databaseMs / cpu.requests });
function cpuLine(app: CpuFigures, baseline: CpuFigures): string {
  const a = perWebhook(app);
  const b = perWebhook(baseline);
  const inline = values.worker === "inline" || app.databaseMs === 0 ? " (app incl. its worker)" : "";
  return (
    `app ${fmt(a.server, 2)} ms + PostgreSQL ${fmt(a.database, 2)} ms${inline} · baseline ${fmt(b.server, 2)} ms + PostgreSQL ${fmt(b.database, 2)} ms` +
    ` · total ${fmt((a.server + a.database) / (b.server + b.database), 2)}×`
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
  const sumCpu = (list: CpuFigures[]) => list.reduce((sum, c) => ({ serverMs: sum.serverMs + c.serverMs, databaseMs: sum.databaseMs + c.databaseMs, requests: sum.requests + c.requests }), { serverMs: 0, databaseMs: 0, requests: 0 });
  report(`  CPU per webhook over all rounds: ${cpuLine(sumCpu(result.appCpu), sumCpu(result.baselineCpu))}`);
  if (result.drains.length > 0) {
    const how = values.worker === "separate" ? "npm run worker" : "the app's own worker";
    report(
      `  jobs queued by each app round, drained by ${how}: ` +
        result.drains
          .map((d) => `${d.jobs} jobs in ${fmt(d.seconds)} s (${fmt(d.jobs / d.seconds)} jobs/s${Number.isNaN(d.workerCpuMs) ? "" : `, worker ${fmt(d.workerCpuMs / Math.max(d.jobs, 1), 2)} ms CPU/job`})`)
          .join(" · "),
    );
  }
  summaries.push({ ...result, medianApp, medianBase, medianAppP99, medianBaseP99, throughputRatio, p99Ratio, storedOk, non200 });
}
if (values.json) console.log(JSON.stringify(summaries));
process.exit(failed ? 1 : 0);
