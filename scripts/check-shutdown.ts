// `npm run check:shutdown`: kills instances mid-load and checks SPEC §15's shutdown promises on
// PostgreSQL: no acknowledged webhook lost, no job left claimed, live streams closed with a retry
// hint, all within 10 s. Two runs: the app (standalone server with its worker) and a separate
// `npm run worker`. Needs a build (`npx next build`) and DATABASE_URL (a server; the script
// creates and drops its own database). Prints the figures; exits 1 when a promise is broken.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { DEMO } from "@/lib/demo/seed";
import { messengerMessageEvent, signedMessengerRequest, signedTwilioRequest, twilioInboundParams, type SignedRequest } from "@/lib/webhooks/signed-requests";
import { startHttpStandIn, type HttpStandIn } from "@/tests/stand-ins/http-stand-in";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3346" },
    database: { type: "string", default: "switchboard_shutdown_check" },
    concurrency: { type: "string", default: "8" },
    "load-ms": { type: "string", default: "1500" },
  },
});
const port = Number(values.port);
const graphPort = port + 1;
const concurrency = Number(values.concurrency);
const loadMs = Number(values["load-ms"]);
const root = path.resolve(import.meta.dirname, "..");
const dist = process.env.NEXT_DIST_DIR || ".next";
const baseUrl = `http://localhost:${port}`;
if (!process.env.DATABASE_URL) throw new Error("check:shutdown needs DATABASE_URL (a PostgreSQL server)");
if (!/^[a-z_][a-z0-9_]*$/.test(values.database)) throw new Error(`Not a plain database name: ${values.database}`);
if (!existsSync(path.join(root, dist, "standalone/server.js"))) throw new Error(`No standalone build in ${dist}: run npx next build`);

const adminUrl = process.env.DATABASE_URL;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${values.database}`;
  return url.toString();
})();
const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-shutdown-"));
const failures: string[] = [];
const check = (ok: boolean, promise: string) => {
  if (!ok) failures.push(promise);
  return ok ? "yes" : "NO";
};

// ---- processes -------------------------------------------------------------------------------

type Proc = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function start(command: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : null))));
  return { child, output: () => output, exited };
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  const proc = start(command, args, env);
  return proc.exited.then((code) => {
    if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${code}:\n${proc.output()}`);
  });
}

const appEnv = (extra: Record<string, string> = {}) => ({
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  SWITCHBOARD_DATA_DIR: dataDir,
  APP_URL: baseUrl,
  PORT: String(port),
  HOSTNAME: "0.0.0.0",
  MESSENGER_API_BASE: `http://localhost:${graphPort}`,
  TWILIO_API_BASE: `http://localhost:${graphPort}`,
  LOG_LEVEL: "info",
  ...extra,
});

function startApp(extra: Record<string, string> = {}): Proc {
  return start(process.execPath, [path.join(root, dist, "standalone/server.js")], appEnv(extra));
}

async function waitFor(url: string, proc: Proc, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`exited early:\n${proc.output()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} never answered 200:\n${proc.output()}`);
}

async function waitForOutput(proc: Proc, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!proc.output().includes(text)) {
    if (proc.child.exitCode !== null || Date.now() > deadline) throw new Error(`never printed ${text}:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The shutdown's own log lines (JSON), to show what took how long. */
function shutdownLines(proc: Proc): string[] {
  return proc
    .output()
    .split("\n")
    .filter((line) => /shut|stopp|deadline|handed|released/.test(line));
}

/** A Graph API that never answers: profile lookups hang (10 s client timeout), so jobs are in flight at the kill. */
function hangingGraphApi(): Promise<HttpStandIn> {
  return startHttpStandIn({ listen: { port: graphPort }, answer: "hang" });
}

// ---- load --------------------------------------------------------------------------------------

type Sent = { providerId: string; status: number | "refused" };

let sequence = 0;
function nextWebhook(): { providerId: string; request: SignedRequest } {
  const n = sequence++;
  const tag = `${randomBytes(3).toString("hex")}-${n}`;
  if (n % 2 === 0) {
    const sid = `SM${randomBytes(16).toString("hex")}`;
    const params = twilioInboundParams({
      accountSid: DEMO.whatsapp.accountSid,
      to: DEMO.whatsapp.sender,
      from: `whatsapp:+4207${String(n).padStart(8, "0")}`,
      text: `Shutdown check ${tag}`,
      messageSid: sid,
    });
    const request = signedTwilioRequest({ baseUrl, path: `/api/webhooks/whatsapp/${DEMO.whatsappAppId}`, authToken: DEMO.whatsapp.authToken, params });
    return { providerId: sid, request };
  }
  const mid = `m_${randomBytes(12).toString("hex")}`;
  // A new contact each time: each queues a profile lookup, which hangs on the Graph stand-in.
  const psid = `7${String(Date.now()).slice(-9)}${String(n).padStart(6, "0")}`;
  const request = signedMessengerRequest({
    baseUrl,
    appId: DEMO.messengerAppId,
    appSecret: DEMO.messenger.appSecret,
    pageId: DEMO.messenger.pageId,
    events: [messengerMessageEvent({ pageId: DEMO.messenger.pageId, psid, text: `Shutdown check ${tag}`, mid })],
  });
  return { providerId: mid, request };
}

/** `concurrency` senders, each until its first refused connection (the instance stopped listening) or `stopAt`. */
async function load(stopWhen: () => boolean): Promise<Sent[]> {
  const sent: Sent[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stopWhen()) {
        const { providerId, request } = nextWebhook();
        try {
          const response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body, signal: AbortSignal.timeout(15_000) });
          await response.text();
          sent.push({ providerId, status: response.status });
        } catch {
          sent.push({ providerId, status: "refused" });
          return;
        }
      }
    }),
  );
  return sent;
}

// ---- the live stream -------------------------------------------------------------------------

async function signIn(): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email: "alice@demo.test", password: DEMO.password, callbackUrl: baseUrl }).toString(),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.includes("session-token="));
  if (!session) throw new Error(`sign-in failed: ${response.status}`);
  return session.split(";")[0]!;
}

type StreamEnd = { retryHint: number | null; endedAt: number };

async function openStream(cookie: string): Promise<{ ended: Promise<StreamEnd> }> {
  const response = await fetch(`${baseUrl}/api/events`, { headers: { Cookie: cookie, Accept: "text/event-stream" } });
  if (response.status !== 200 || !response.body) throw new Error(`events stream answered ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    let text = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // a reset ends it too; then no hint arrived
    }
    const hints = [...text.matchAll(/^retry: (\d+)$/gm)].map((match) => Number(match[1]));
    // The first hint is the stream's opening `retry: 3000`; a second one is the shutdown's.
    return { retryHint: hints.length > 1 ? hints.at(-1)! : null, endedAt: Date.now() };
  })();
  return { ended };
}

// ---- the database ------------------------------------------------------------------------------

async function withDb<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

async function freshDatabase(): Promise<void> {
  await withDb(adminUrl, async (sql) => {
    await sql.unsafe(`drop database if exists ${values.database} with (force)`);
    await sql.unsafe(`create database ${values.database}`);
  });
  await run(path.join(root, "node_modules/.bin/tsx"), ["--tsconfig", "scripts/tsconfig.json", "scripts/seed.ts"], {
    DATABASE_URL: databaseUrl,
    SWITCHBOARD_DATA_DIR: dataDir,
  });
}

async function afterwards(acked: string[]) {
  return withDb(databaseUrl, async (sql) => {
    const stored = await sql<{ id: string }[]>`select provider_message_id as id from messages where provider_message_id = any(${acked})`;
    const [jobs] = await sql<{ claimed: number; handedBack: number }[]>`
      select count(*) filter (where status = 'running' and locked_until > now())::int as claimed,
             count(*) filter (where status = 'queued' and attempts > 0 and locked_by is null and last_error is null)::int as "handedBack"
      from jobs`;
    return { lost: acked.length - stored.length, ...jobs! };
  });
}

// ---- the runs ----------------------------------------------------------------------------------

type Figures = Record<string, string | number>;

async function killMidLoad(name: string, target: Proc, withStream: boolean): Promise<Figures> {
  let stopping = false;
  // Warm up (first requests compile nothing in production, but open pools and caches) so the load is steady at the kill.
  let warm = 0;
  await load(() => warm++ >= 4 * concurrency);
  const stream = withStream ? await openStream(await signIn()) : null;
  const loading = load(() => stopping);
  await new Promise((resolve) => setTimeout(resolve, loadMs));
  const killedAt = Date.now();
  target.child.kill("SIGTERM");
  const code = await target.exited;
  const exitMs = Date.now() - killedAt;
  // The app instance refuses connections once it stops listening; a separate worker never did, so stop the load.
  if (!withStream) stopping = true;
  const sent = await loading;
  stopping = true;
  const acked = sent.filter((entry) => entry.status === 200).map((entry) => entry.providerId);
  const db = await afterwards(acked);
  const end = stream ? await stream.ended : null;
  for (const line of shutdownLines(target)) console.log(`  [${name}] ${line}`);
  const figures: Figures = {
    run: name,
    "webhooks sent": sent.length,
    "acknowledged (200)": acked.length,
    "refused or cut (provider retries)": sent.filter((entry) => entry.status !== 200).length,
    "acknowledged but not stored": db.lost,
    "jobs still claimed after exit": db.claimed,
    "jobs handed back (queued again)": db.handedBack,
    "exit code": String(code),
    "SIGTERM → exit (ms)": exitMs,
  };
  if (end) {
    figures["live stream retry hint (ms)"] = end.retryHint ?? "none";
    figures["SIGTERM → stream closed (ms)"] = end.endedAt - killedAt;
    check(end.retryHint !== null, `${name}: the live stream got a retry hint`);
  }
  check(db.lost === 0, `${name}: no acknowledged webhook lost`);
  check(db.claimed === 0, `${name}: no job left claimed`);
  check(exitMs < 10_000, `${name}: exited within 10 s`);
  check(acked.length > 0, `${name}: the load got answers before the kill`);
  return figures;
}

const graph = await hangingGraphApi();
const standalone = path.join(root, dist, "standalone");
for (const [from, to] of [[path.join(root, dist, "static"), path.join(standalone, dist, "static")], [path.join(root, "public"), path.join(standalone, "public")]] as const) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
const results: Figures[] = [];
try {
  await freshDatabase();
  const app = startApp();
  await waitFor(`${baseUrl}/api/ready`, app);
  results.push(await killMidLoad("app instance (standalone, worker inside)", app, true));
  if (failures.length) console.error(app.output().split("\n").slice(-30).join("\n"));

  await freshDatabase();
  const web = startApp({ SWITCHBOARD_DISABLE_WORKER: "1" });
  await waitFor(`${baseUrl}/api/ready`, web);
  const worker = start(path.join(root, "node_modules/.bin/tsx"), ["--tsconfig", "scripts/tsconfig.json", "scripts/worker.ts"], appEnv());
  await waitForOutput(worker, '"msg":"worker started"');
  results.push(await killMidLoad("npm run worker", worker, false));
  web.child.kill("SIGTERM");
  await web.exited;
} finally {
  await graph.close();
  rmSync(dataDir, { recursive: true, force: true });
  await withDb(adminUrl, (sql) => sql.unsafe(`drop database if exists ${values.database} with (force)`));
}

for (const figures of results) {
  console.log(`\n== ${figures.run}`);
  for (const [key, value] of Object.entries(figures)) if (key !== "run") console.log(`  ${key.padEnd(36)} ${value}`);
}
if (failures.length) {
  console.log(`\nBROKEN: ${failures.join("; ")}`);
  process.exit(1);
}
console.log("\nEvery shutdown promise held.");
