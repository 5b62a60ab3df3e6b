import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";

/**
 * What the benches that start their own `next start` share: a database of their own, the
 * secrets every instance must agree on, the app process. Their provider stand-ins are the
 * tests' own (tests/stand-ins/).
 */
export const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Fixed per bench run so the seeding process and every app instance decrypt the same credentials. */
export const benchSecrets = {
  APP_SECRET_KEY: randomBytes(32).toString("hex"),
  AUTH_SECRET: randomBytes(32).toString("base64url"),
};
Object.assign(process.env, benchSecrets);

export function requireBuild(): void {
  if (!fs.existsSync(path.join(repoRoot, ".next/BUILD_ID"))) {
    console.error("No production build in .next: run `npm run build` first.");
    process.exit(2);
  }
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Drops and recreates a database (only names given by the bench itself) and returns its URL. */
export async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

export type RunningProcess = { url: string; process: ChildProcess; stop(): Promise<void> };

async function waitUntilUp(url: string, child: ChildProcess, logFile: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms; see ${logFile}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

/**
 * `next start` on `port` with its own data dir; its output goes to `<dataDir>/app.log`.
 * `env` adds e.g. DATABASE_URL (PostgreSQL) — without it the app runs on PGlite in `dataDir`.
 */
export async function startApp(input: { port: number; dataDir: string; env?: Record<string, string>; nodeArgs?: string[] }): Promise<RunningProcess> {
  fs.mkdirSync(input.dataDir, { recursive: true });
  const logFile = path.join(input.dataDir, `app-${input.port}.log`);
  const log = fs.openSync(logFile, "a");
  const url = `http://localhost:${input.port}`;
  const nextBin = path.join(repoRoot, "node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [...(input.nodeArgs ?? []), nextBin, "start", "-p", String(input.port)], {
    cwd: repoRoot,
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      ...benchSecrets,
      NODE_ENV: "production",
      APP_URL: url,
      SWITCHBOARD_DATA_DIR: input.dataDir,
      ...input.env,
    },
  });
  fs.closeSync(log);
  await waitUntilUp(`${url}/api/health`, child, logFile);
  return { url, process: child, stop: stopper(child) };
}

/** The ingest baseline server (scripts/bench/ingest-baseline.ts) in its own process. */
export async function startBaseline(input: { port: number; databaseUrl: string; appSecret: string; logDir: string }): Promise<RunningProcess> {
  fs.mkdirSync(input.logDir, { recursive: true });
  const logFile = path.join(input.logDir, `baseline-${input.port}.log`);
  const log = fs.openSync(logFile, "a");
  const child = spawn(path.join(repoRoot, "node_modules/.bin/tsx"), [path.join(import.meta.dirname, "ingest-baseline.ts")], {
    cwd: repoRoot,
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      NODE_ENV: "production",
      BASELINE_DATABASE_URL: input.databaseUrl,
      BASELINE_PORT: String(input.port),
      BASELINE_APP_SECRET: input.appSecret,
    },
  });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${input.port}`;
  await waitUntilUp(url, child, logFile);
  return { url, process: child, stop: stopper(child) };
}

/**
 * `npm run worker` (scripts/worker.ts) on `env.DATABASE_URL`, as the deploy files run it beside
 * web instances started with SWITCHBOARD_DISABLE_WORKER=1. Up once its log says it started.
 */
export async function startWorker(input: { dataDir: string; env: Record<string, string>; name?: string }): Promise<RunningProcess> {
  fs.mkdirSync(input.dataDir, { recursive: true });
  const logFile = path.join(input.dataDir, `${input.name ?? "worker"}.log`);
  const log = fs.openSync(logFile, "w");
  const child = spawn(
    path.join(repoRoot, "node_modules/.bin/tsx"),
    ["--tsconfig", path.join(repoRoot, "scripts/tsconfig.json"), path.join(repoRoot, "scripts/worker.ts")],
    { cwd: repoRoot, stdio: ["ignore", log, log], env: { ...process.env, ...benchSecrets, NODE_ENV: "production", SWITCHBOARD_DATA_DIR: input.dataDir, ...input.env } },
  );
  fs.closeSync(log);
  const deadline = Date.now() + 60_000;
  while (!fs.readFileSync(logFile, "utf8").includes('"worker started"')) {
    if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}; see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`the worker did not start within 60 s; see ${logFile}`);
    await sleep(200);
  }
  return { url: "", process: child, stop: stopper(child) };
}
