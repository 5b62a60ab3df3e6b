import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { openPglite, openPostgres, type DatabaseHandle } from "@/db/client";

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Run once per test run: a migrated template that every test file's database is copied from. */
export async function prepareTemplate(url: string, template: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.unsafe(`create database ${template}`);
  } finally {
    await admin.end();
  }
  const handle = await openPostgres(withDatabase(url, template), { max: 1 });
  await handle.close();
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/**
 * A database of its own for one test file: a copy of the migrated template on PostgreSQL
 * (DATABASE_URL), or an in-memory PGlite otherwise.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) return openPglite();
  const template = inject("testTemplate");
  if (!template) throw new Error("DATABASE_URL was set after the test run started; the global setup made no template");
  const name = `switchboard_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const handle = await openPostgres(withDatabase(url, name), { max: 10 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await dropDatabase(url, name);
    },
  };
}
