import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder, queryRows, type Executor } from "@/db/client";
import { getDb } from "@/db/index";
import { queueStats } from "@/lib/observability/queue-stats";
import { isJobWorkerRunning } from "@/lib/jobs/worker";
import { isShuttingDown } from "@/lib/runtime/shutdown-state";

/** SPEC §15: a due job waiting longer than this means no worker is keeping up. */
export const MAX_DUE_JOB_AGE_SECONDS = 60;
const DATABASE_TIMEOUT_MS = 2_000;

export type Readiness = { ready: true; checks: Record<string, string> } | { ready: false; reason: string; checks: Record<string, string> };

/**
 * Readiness (SPEC §15), checked in order: not shutting down, the database answers, every
 * migration shipped is applied, the job worker runs (here, or in its own process when this
 * instance has it disabled), and the oldest due job has waited less than 60 s.
 */
export async function checkReadiness(): Promise<Readiness> {
  const checks: Record<string, string> = {};
  const notReady = (check: string, reason: string): Readiness => ({ ready: false, reason, checks: { ...checks, [check]: "failing" } });

  if (isShuttingDown()) return notReady("shutdown", "shutting down");

  let db;
  try {
    db = await withTimeout(getDb(), DATABASE_TIMEOUT_MS);
    await withTimeout(db.execute(sql`select 1`), DATABASE_TIMEOUT_MS);
    checks.database = "ok";
  } catch {
    return notReady("database", "the database does not answer");
  }

  const applied = await lastAppliedMigration(db);
  const shipped = lastShippedMigration();
  if (applied < shipped) return notReady("migrations", "migrations are not all applied");
  checks.migrations = "ok";

  if (process.env.SWITCHBOARD_DISABLE_WORKER === "1") checks.worker = "separate process";
  else if (isJobWorkerRunning()) checks.worker = "running";
  else return notReady("worker", "the job worker is not running");

  const oldest = Math.max(0, ...(await queueStats(db)).map((stats) => stats.oldestDueAgeSeconds));
  if (oldest >= MAX_DUE_JOB_AGE_SECONDS) return notReady("jobs", `the oldest due job has waited ${Math.round(oldest)} s`);
  checks.jobs = `oldest due job ${Math.round(oldest)} s`;

  return { ready: true, checks };
}

/** drizzle-kit's journal: the `when` of the newest migration this build ships. */
function lastShippedMigration(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}

async function lastAppliedMigration(db: Executor): Promise<number> {
  // The migrator's own table.
  const rows = await queryRows<{ last: string | number | null }>(db, sql`select max(created_at) as last from drizzle.__drizzle_migrations`);
  return Number(rows[0]?.last ?? 0);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))),
  ]);
}
