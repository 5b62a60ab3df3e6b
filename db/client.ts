import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { SQL } from "drizzle-orm";
import postgres from "postgres";
import { acquirePgliteLock } from "./pglite-lock";
import { preparingStatements } from "./prepared-statements";
import * as schema from "./schema";

/**
 * Both drivers speak the same Drizzle query builder; the PGlite database is typed as the
 * postgres.js one so domain code has a single type. Raw `execute` results differ between
 * them (an array on postgres.js, `{ rows }` on PGlite), so raw SQL that reads rows goes
 * through `queryRows`, never `execute` directly.
 */
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  kind: "postgres" | "pglite";
  /** Subscribes to NOTIFY on a lowercase channel; delivery happens after the sender commits. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzlePostgres(preparingStatements(client), { schema });
  await migratePostgres(db, { migrationsFolder });
  return {
    db,
    kind: "postgres",
    async listen(channel, onPayload) {
      const { unlisten } = await client.listen(channel, onPayload);
      return unlisten;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** Search's extensions (migration 0015); a data directory holding them must be opened with them. */
export const PGLITE_EXTENSIONS = { unaccent, pg_trgm };

/** `dataDir` undefined opens an in-memory database (tests). */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  const release = dataDir ? acquirePgliteLock(dataDir) : () => {};
  try {
    const pg = await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS });
    const db = drizzlePglite(pg, { schema }) as unknown as Database;
    await migratePglite(drizzlePglite(pg), { migrationsFolder });
    return {
      db,
      kind: "pglite",
      listen: (channel, onPayload) => pg.listen(channel, onPayload),
      async close() {
        await pg.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Raw `execute` answers an array on postgres.js and `{ rows }` on PGlite; this gives the rows on both. */
function rowsOfResult<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Runs raw SQL and answers its rows, the same on both drivers: the one way to read the result
 * of raw SQL (`execute`'s own result differs between postgres.js and PGlite).
 */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  return rowsOfResult<T>(await db.execute(query));
}
