import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { getDb } from "@/db/index";

export type DatabaseSnapshot = Record<string, unknown[]>;

const sortKey = (row: unknown) => JSON.stringify(row);

/**
 * Every row of every table in the test file's database, each table's rows in a stable
 * order. Tables are listed from the catalog, so a table added later (notifications, CRM) is
 * covered by "a refusal changes nothing" without touching the tests.
 */
export async function snapshotDatabase(): Promise<DatabaseSnapshot> {
  const db = await getDb();
  const tables = (
    await queryRows<Record<string, unknown>>(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )
  ).map((row) => String(row.table_name));
  const snapshot: DatabaseSnapshot = {};
  for (const table of tables) {
    const rows = await queryRows<Record<string, unknown>>(db, sql`select * from ${sql.identifier(table)}`);
    snapshot[table] = rows.map((row) => ({ ...row })).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  }
  return snapshot;
}
