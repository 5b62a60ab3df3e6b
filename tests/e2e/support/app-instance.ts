import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import { E2E_MESSENGER_API_BASE } from "@/tests/stand-ins/meta";
import { E2E_TWILIO_API_BASE } from "@/tests/stand-ins/twilio";

/**
 * A second standalone server (what start-server.sh runs) for specs that need a server Playwright's webServer isn't: another
 * instance on the same database (SPEC §3: live updates across instances), or one started with
 * other settings (CLOSED_PROVIDERS). It reuses the suite's build (the same NEXT_DIST_DIR) and
 * never resets the database it is given; `freshDatabase` makes a separate one when wanted.
 */
const root = path.resolve(import.meta.dirname, "../../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

/** The main e2e server's database on the DATABASE_URL server (start-server.sh's reset-database.ts). */
export function e2eDatabaseUrl(name = process.env.E2E_DATABASE ?? "switchboard_e2e"): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The data dir of the main e2e server: it holds AUTH_SECRET and APP_SECRET_KEY, which a second instance must share. */
export const E2E_DATA_DIR = process.env.SWITCHBOARD_DATA_DIR ?? ".data-e2e";

/** Where every e2e server's output goes, checked for leaks at the end (check-server-logs.ts). */
const E2E_SERVER_LOG = path.resolve(root, process.env.E2E_SERVER_LOG ?? "test-results/e2e-server.log");

async function onServer<T>(run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

function assertPlainName(name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
}

/**
 * An empty database `name` on the DATABASE_URL server, seeded with the demo workspace by
 * `npm run db:seed` (which seals the demo credentials with the APP_SECRET_KEY kept in `dataDir`).
 */
export async function freshDatabase(name: string, dataDir: string): Promise<string> {
  assertPlainName(name);
  await onServer(async (sql) => {
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.unsafe(`create database ${name}`);
  });
  const url = e2eDatabaseUrl(name);
  await run(bin("tsx"), ["--conditions=react-server", "scripts/seed.ts"], { DATABASE_URL: url, SWITCHBOARD_DATA_DIR: dataDir });
  return url;
}

/** An empty database `name` on the DATABASE_URL server, for a production start that must show first-run setup. */
export async function emptyDatabase(name: string): Promise<string> {
  assertPlainName(name);
  await onServer(async (sql) => {
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.unsafe(`create database ${name}`);
  });
  return e2eDatabaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  assertPlainName(name);
  await onServer((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(" ")} exited ${code}: ${stderr}`)),
    );
  });
}

export type AppInstance = { url: string; stop(): Promise<void> };

/** The secret kept in `dataDir/name` (as lib/runtime/data-dir.ts keeps it), created when missing. */
function keptSecretIn(dataDir: string, name: string, generate: () => string): string {
  const file = path.resolve(root, dataDir, name);
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, generate(), { flag: "wx", mode: 0o600 });
    return readFileSync(file, "utf8").trim();
  }
}

/**
 * A production server on PostgreSQL refuses to start without AUTH_SECRET and APP_SECRET_KEY
 * (SPEC §9); an instance gets the ones kept in its data dir, so two instances sharing a data
 * dir share sessions and credentials. The embedded database has no demo unless SEED_DEMO=1.
 */
function productionEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const dataDir = env.SWITCHBOARD_DATA_DIR ?? ".data";
  if (!env.DATABASE_URL) return { SEED_DEMO: "1", ...env };
  return {
    ...env,
    AUTH_SECRET: keptSecretIn(dataDir, "auth-secret", () => randomBytes(32).toString("base64url")),
    APP_SECRET_KEY: keptSecretIn(dataDir, "app-secret-key", () => randomBytes(32).toString("hex")),
  };
}

/**
 * Starts the standalone server on `port` with `env` on top of this process's (DATABASE_URL unset when
 * `env.DATABASE_URL` is undefined: the embedded database in SWITCHBOARD_DATA_DIR) and
 * resolves once /api/health answers 200.
 */
export async function startAppInstance(options: {
  port: number;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}): Promise<AppInstance> {
  const url = `http://localhost:${options.port}`;
  // The same provider stand-ins as the suite's server (start-server.sh), in case this one's worker runs a reply.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", APP_URL: url, MESSENGER_API_BASE: E2E_MESSENGER_API_BASE, TWILIO_API_BASE: E2E_TWILIO_API_BASE };
  for (const [name, value] of Object.entries(options.env)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  if (await isHealthy(url)) throw new Error(`Something already answers on ${url}; free port ${options.port} or pick another`);

  // The standalone server runs from its own folder: a relative data dir would move with it.
  if (env.SWITCHBOARD_DATA_DIR) env.SWITCHBOARD_DATA_DIR = path.resolve(root, env.SWITCHBOARD_DATA_DIR);
  Object.assign(env, { PORT: String(options.port), HOSTNAME: "0.0.0.0" });
  const dist = process.env.NEXT_DIST_DIR || ".next";
  // Its own process group, so stopping it stops everything it started.
  const child = spawn(process.execPath, [path.join(root, dist, "standalone/server.js")], {
    cwd: root,
    env: productionEnv(env),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const serverLog = createWriteStream(E2E_SERVER_LOG, { flags: "a" });
  const keep = (chunk: Buffer) => {
    serverLog.write(chunk);
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("exit", () => serverLog.end());
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));

  const stop = () => stopProcess(child, exited);
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server on ${url} exited ${child.exitCode}:\n${output}`);
    if (await isHealthy(url)) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the server on ${url} did not become healthy in time:\n${output}`);
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    // Not listening yet: the caller polls again.
    return false;
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  process.kill(-child.pid!, "SIGTERM");
  const timer = setTimeout(() => isRunning() && process.kill(-child.pid!, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function removeDataDir(dir: string): Promise<void> {
  await rm(path.resolve(root, dir), { recursive: true, force: true });
}
