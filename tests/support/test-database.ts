import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openPglite, openPostgres, type DatabaseHandle } from "@/db/client";

const TEMPLATE = "switchboard_test_template";

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Run once per test run: a migrated template that every test file's database is copied from. */
export async function prepareTemplate(url: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const template = await openPostgres(withDatabase(url, TEMPLATE), { max: 1 });
  await template.close();
}

/**
 * A database of its own for one test file: a copy of the migrated template on PostgreSQL
 * (DATABASE_URL), or an in-memory PGlite otherwise.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) return openPglite();
  const name = `switchboard_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const handle = await openPostgres(withDatabase(url, name), { max: 10 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = postgres(url, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
