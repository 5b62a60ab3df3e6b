import { getDb } from "@/db/index";
import path from "node:path";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { installDatabaseHandle, type Database } from "@/db/index";
import * as schema from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { countViews } from "@/lib/inbox/queries";
import { loadInbox, type InboxRequest } from "@/lib/inbox/load-inbox";
import { VIEWS } from "@/lib/views";
import { startServer } from "./server";
import { signIn, type CookieJar } from "./session";
import { percentile } from "./stats";
import { BENCH_APPS, BENCH_SECRETS, buildWorkspace, ensureDatabase } from "./views-data";
import { searchCases } from "./views-search";

const usage = `Usage: npm run bench:views -- [--sizes 10k,100k] [--runs N] [--port P] [--json]

Builds (once; later runs reuse them) PostgreSQL databases sb_views_<size> holding the demo
workspace plus <size> conversations of 10 messages each, over four apps (one Bob cannot reach),
the four views and three assignees. For every view with and without ?app=, a next page, a
thread page and the counts, and three searches (scripts/bench/views-search.ts), it prints,
signed in as Bob (a member):
  rows    rows of conversations and messages its scans read (EXPLAIN ANALYZE)
  raw     the page's own queries (lib/inbox/load-inbox.ts) timed in this process
  render  GET of the real page from a \`next start\` instance (run \`npm run build\` first)
  plan    EXPLAIN of every query the case runs: "ok", or the Seq Scan found
Exits 1 on a Seq Scan on conversations or messages.
  --sizes   comma-separated sizes: 10k, 100k, 1m (1M conversations = 10M messages, slow to build)
  --runs    measured requests per case (default 15, after 3 warm-ups)
  --port    port of the next start instance (default 3365)
  --admin-url  PostgreSQL server (default: BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
  --no-render  only raw queries and plans`;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10k,100k" },
    runs: { type: "string", default: "15" },
    port: { type: "string", default: "3365" },
    "admin-url": { type: "string" },
    "no-render": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const SIZES: Record<string, number> = { "10k": 10_000, "100k": 100_000, "1m": 1_000_000 };
const sizes = values.sizes.split(",").map((s) => s.trim().toLowerCase());
for (const size of sizes) {
  if (!SIZES[size]) {
    console.error(`unknown size ${JSON.stringify(size)}\n\n${usage}`);
    process.exit(2);
  }
}
const runs = Number(values.runs);
const port = Number(values.port);
const adminUrl = values["admin-url"] ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const log = (line: string) => {
  if (!values.json) console.log(line);
};

Object.assign(process.env, BENCH_SECRETS);

const bob = { userId: DEMO.users.bob, workspaceId: DEMO.workspaceId };

type Case = { name: string; request: InboxRequest; path: string } | { name: string; run: () => Promise<unknown>; path: string };
type Query = { text: string; params: unknown[] };
type Figures = { case: string; rawMedian: number; rawP95: number; renderMedian: number | null; renderP95: number | null; plan: string; rowsRead: number; excerpt: string };

/** A postgres.js client whose queries can be recorded, so each case's SQL can be explained. */
function recordingDatabase(url: string) {
  let recording: Query[] | null = null;
  const client = postgres(url, {
    max: 4,
    onnotice: () => {},
    debug: (_connection, text, params) => recording?.push({ text, params: params as unknown[] }),
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  return {
    client,
    db,
    async record<T>(run: () => Promise<T>): Promise<Query[]> {
      recording = [];
      await run();
      const queries = recording;
      recording = null;
      return queries;
    },
  };
}

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  Plans?: PlanNode[];
};

const SCAN = /Scan$/;
const BIG_TABLES = ["conversations", "messages"];

/** Draws the plan; counts the rows its scans of the big tables read (a scan's real cost). */
function walk(node: PlanNode, depth: number, lines: string[], seqScans: string[], read: { rows: number }) {
  const on = node["Index Name"] ?? node["Relation Name"];
  const loops = node["Actual Loops"] ?? 1;
  const rows = ((node["Actual Rows"] ?? 0) + (node["Rows Removed by Filter"] ?? 0)) * loops;
  lines.push(`${"  ".repeat(depth)}${node["Node Type"]}${on ? ` ${on}` : ""} (rows ${rows})`);
  if (node["Node Type"] === "Seq Scan" && BIG_TABLES.includes(node["Relation Name"] ?? "")) seqScans.push(node["Relation Name"]!);
  // Bitmap index scans count their rows again in the heap scan above them.
  if (SCAN.test(node["Node Type"]) && node["Node Type"] !== "Bitmap Index Scan" && BIG_TABLES.includes(node["Relation Name"] ?? "")) read.rows += rows;
  for (const child of node.Plans ?? []) walk(child, depth + 1, lines, seqScans, read);
}

async function explain(client: postgres.Sql, queries: Query[]) {
  const seqScans: string[] = [];
  const excerpts: string[] = [];
  const read = { rows: 0 };
  for (const query of queries) {
    if (!/^\s*(select|with)/i.test(query.text) || /pg_notify/.test(query.text)) continue;
    const [row] = await client.unsafe(`explain (analyze, format json) ${query.text}`, query.params as never[]);
    const plan = (row as unknown as { "QUERY PLAN": [{ Plan: PlanNode }] })["QUERY PLAN"][0].Plan;
    const lines: string[] = [];
    walk(plan, 0, lines, seqScans, read);
    if (/from "conversations"/.test(query.text)) excerpts.push(lines.join("\n"));
  }
  return {
    plan: seqScans.length ? `SEQ SCAN on ${[...new Set(seqScans)].join(", ")}` : "ok",
    rowsRead: read.rows,
    excerpt: excerpts.join("\n--\n"),
  };
}

async function time(run: () => Promise<unknown>, n: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b);
}

async function fetchPage(baseUrl: string, jar: CookieJar, pathname: string): Promise<void> {
  const response = await fetch(`${baseUrl}${pathname}`, { headers: { cookie: jar.header() }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${pathname} answered ${response.status}`);
  if (!body.includes("</html>")) throw new Error(`GET ${pathname} sent no page`);
}

const round = (ms: number) => Number(ms.toFixed(2));

async function benchSize(label: string): Promise<Figures[]> {
  const db = await getDb();
  const size = SIZES[label]!;
  log(`\n== ${label}: ${size} conversations, ${size * 10} messages`);
  const url = await ensureDatabase(adminUrl, `sb_views_${label}`);
  const recorder = recordingDatabase(url);
  await migrate(recorder.db, { migrationsFolder: path.resolve("db/migrations") });
  installDatabaseHandle({ db: recorder.db, kind: "postgres", listen: async () => async () => {}, close: () => recorder.client.end() });
  await buildWorkspace(recorder.db, size, log);

  const app = DEMO.whatsappAppId;
  const cases: Case[] = [];
  for (const view of VIEWS) {
    cases.push({ name: `${view}`, request: { view, conversationId: null, app: null, after: null }, path: `/messaging/${view}` });
    cases.push({ name: `${view}?app`, request: { view, conversationId: null, app, after: null }, path: `/messaging/${view}?app=${app}` });
  }
  for (const view of ["unassigned", "closed"] as const) {
    const first = await loadInbox(db, bob, { view, conversationId: null, app: null, after: null });
    // A cursor from deep inside the view, like a user who paged back a long way.
    const deep = first.kind !== "inbox" ? null : first.list.nextCursor;
    cases.push({ name: `${view} next page`, request: { view, conversationId: null, app: null, after: deep }, path: `/messaging/${view}?after=${deep}` });
  }
  const first = await loadInbox(db, bob, { view: "unassigned", conversationId: null, app: null, after: null });
  const openId = first.kind !== "inbox" ? null : first.list.rows[5]?.id;
  if (!openId) throw new Error("the bench workspace has no unassigned conversation");
  cases.push({ name: "thread page", request: { view: "unassigned", conversationId: openId, app: null, after: null }, path: `/messaging/unassigned/${openId}` });

  cases.push(...searchCases(bob));

  const figures: Figures[] = [];
  const raws = new Map<string, number[]>();
  for (const c of cases) {
    const run = "run" in c ? c.run : () => loadInbox(db, bob, c.request);
    raws.set(c.name, await time(run, runs));
    const verdict = await explain(recorder.client, await recorder.record(run));
    figures.push({ case: c.name, rawMedian: 0, rawP95: 0, renderMedian: null, renderP95: null, ...verdict });
  }
  const countRuns = await time(() => countViews(db, bob, null), runs);
  const countPlan = await explain(recorder.client, await recorder.record(() => countViews(db, bob, null)));
  raws.set("counts", countRuns);
  figures.push({ case: "counts", rawMedian: 0, rawP95: 0, renderMedian: null, renderP95: null, ...countPlan });
  const countAppPlan = await explain(recorder.client, await recorder.record(() => countViews(db, bob, BENCH_APPS.everyone)));
  raws.set("counts?app", await time(() => countViews(db, bob, BENCH_APPS.everyone), runs));
  figures.push({ case: "counts?app", rawMedian: 0, rawP95: 0, renderMedian: null, renderP95: null, ...countAppPlan });
  for (const f of figures) {
    const samples = raws.get(f.case)!;
    f.rawMedian = round(percentile(samples, 50));
    f.rawP95 = round(percentile(samples, 95));
  }

  if (!values["no-render"]) {
    const server = await startServer(url, port);
    try {
      const baseUrl = `http://localhost:${port}`;
      const jar = await signIn(baseUrl, "bob@demo.test", DEMO.password);
      for (const c of cases) {
        const samples = await time(() => fetchPage(baseUrl, jar, c.path), runs);
        const f = figures.find((x) => x.case === c.name)!;
        f.renderMedian = round(percentile(samples, 50));
        f.renderP95 = round(percentile(samples, 95));
      }
    } finally {
      await server.stop();
    }
  }
  await recorder.client.end();

  log(`${"case".padEnd(22)} ${"raw p50".padStart(8)} ${"raw p95".padStart(8)} ${"page p50".padStart(9)} ${"page p95".padStart(9)} ${"page/raw".padStart(8)} ${"rows read".padStart(9)}  plan`);
  for (const f of figures) {
    const ratio = f.renderMedian !== null ? (f.renderMedian / f.rawMedian).toFixed(2) : "-";
    log(
      `${f.case.padEnd(22)} ${f.rawMedian.toFixed(2).padStart(8)} ${f.rawP95.toFixed(2).padStart(8)} ${(f.renderMedian?.toFixed(2) ?? "-").padStart(9)} ${(f.renderP95?.toFixed(2) ?? "-").padStart(9)} ${ratio.padStart(8)} ${String(f.rowsRead).padStart(9)}  ${f.plan}`,
    );
  }
  log(`EXPLAIN excerpts (${label}):`);
  for (const name of ["unassigned", "others?app", "closed next page", "counts", "search name", "search every message"]) {
    const f = figures.find((x) => x.case === name);
    if (f) log(`  [${name}]\n${f.excerpt.replace(/^/gm, "    ")}`);
  }
  return figures;
}

async function main() {
  const all: Record<string, Figures[]> = {};
  for (const size of sizes) all[size] = await benchSize(size);
  const smallest = sizes[0]!;
  const largest = sizes.at(-1)!;
  if (largest !== smallest) {
    log(`\n== ${largest} against ${smallest} (median; target ≤ 1.5×)`);
    for (const f of all[largest]!) {
      const base = all[smallest]!.find((x) => x.case === f.case)!;
      const page = f.renderMedian !== null && base.renderMedian ? (f.renderMedian / base.renderMedian).toFixed(2) : "-";
      log(`${f.case.padEnd(22)} raw ${(f.rawMedian / base.rawMedian).toFixed(2).padStart(6)}×  page ${page.padStart(6)}×`);
    }
  }
  if (values.json) console.log(JSON.stringify(all, null, 2));
  const seq = Object.entries(all).flatMap(([size, figures]) => figures.filter((f) => f.plan !== "ok").map((f) => `${size} ${f.case}: ${f.plan}`));
  if (seq.length > 0) {
    console.error(`\nFAIL: sequential scans\n  ${seq.join("\n  ")}`);
    process.exit(1);
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
