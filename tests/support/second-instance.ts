import { sql } from "drizzle-orm";
import { openPostgres, type DatabaseHandle } from "@/db/client";
import { getDb } from "@/db/index";

/**
 * A connection pool of its own on the test file's PostgreSQL database, as another app
 * instance would have. (`openTestDatabase()` would create a different database.)
 */
export async function openSecondInstance(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("A second instance needs PostgreSQL: set DATABASE_URL");
  // postgres.js returns rows as an array; this helper never runs on PGlite.
  const [row] = await (await getDb()).execute<{ name: string }>(sql`select current_database() as name`);
  const sameDatabase = new URL(url);
  sameDatabase.pathname = `/${row.name}`;
  return openPostgres(sameDatabase.toString());
}
