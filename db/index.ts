import path from "node:path";
import { dataDir } from "@/lib/runtime/data-dir";
import { openPglite, openPostgres, type Database, type DatabaseHandle } from "./client";

export type { Database, Executor, Transaction } from "./client";

type Holder = { handle?: Promise<DatabaseHandle> };
const holder: Holder = ((globalThis as { __switchboardDb?: Holder }).__switchboardDb ??= {});

/** The embedded database's folder, also used by the seed script to decide on first-start seeding. */
export function pgliteDir(): string {
  return path.join(dataDir(), "pglite");
}

/**
 * Opens the database once per process, on first use (never at import time, so `next build`
 * touches no data), and applies migrations. PostgreSQL when DATABASE_URL is set, else PGlite.
 */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  holder.handle ??= process.env.DATABASE_URL
    ? openPostgres(process.env.DATABASE_URL)
    : openPglite(pgliteDir());
  holder.handle.catch(() => {
    holder.handle = undefined;
  });
  return holder.handle;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Tests and scripts install a database they opened themselves. */
export function installDatabaseHandle(handle: DatabaseHandle): void {
  holder.handle = Promise.resolve(handle);
}

export async function closeDatabase(): Promise<void> {
  const pending = holder.handle;
  holder.handle = undefined;
  if (pending) await (await pending).close();
}
