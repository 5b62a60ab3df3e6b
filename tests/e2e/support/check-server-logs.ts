import { cp, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";

/**
 * Playwright's globalTeardown (SPEC §15): the e2e servers' logs (start-server.sh and second
 * instances write them to E2E_SERVER_LOG) must hold no demo secret, no generated secret of the
 * run's data dir, and no message text the run stored. Fails the run on any hit, naming the
 * secret's kind and the line number, never the secret.
 */
const root = path.resolve(import.meta.dirname, "../../..");
export const E2E_SERVER_LOG = path.resolve(root, process.env.E2E_SERVER_LOG ?? "test-results/e2e-server.log");
const dataDir = path.resolve(root, process.env.SWITCHBOARD_DATA_DIR ?? ".data-e2e");

// The demo workspace's credentials (SPEC §9, lib/demo/seed.ts).
const DEMO_SECRETS = [
  "demo-password",
  "demo-messenger-secret",
  "demo-verify-token",
  "demo-twilio-token",
  "demo-page-access-token",
];
// Shorter texts ("Hi", "OK") would match ordinary words of log lines.
const MIN_TEXT_LENGTH = 10;

type Needle = { kind: string; value: string };

export default async function checkServerLogs(): Promise<void> {
  const log = await readFile(E2E_SERVER_LOG, "utf8").catch(() => null);
  if (log === null) {
    console.log(`[e2e] no server log at ${E2E_SERVER_LOG} (a reused server?): log check skipped`);
    return;
  }
  const needles: Needle[] = [
    ...DEMO_SECRETS.map((value) => ({ kind: "a demo credential", value })),
    ...(await generatedSecrets()).map((value) => ({ kind: "a secret generated into the data dir", value })),
    ...(await storedTexts()).map((value) => ({ kind: "a stored message text", value })),
  ];
  const lines = log.split("\n");
  const hits: string[] = [];
  for (const needle of needles) {
    const index = lines.findIndex((line) => line.includes(needle.value));
    if (index >= 0) hits.push(`line ${index + 1} holds ${needle.kind} (${needle.value.length} characters)`);
  }
  const texts = needles.filter((needle) => needle.kind === "a stored message text").length;
  console.log(`[e2e] checked ${lines.length} server log lines for ${needles.length - texts} secrets and ${texts} message texts`);
  if (hits.length > 0) throw new Error(`The e2e server logs leak what they must never hold (SPEC §15):\n${hits.join("\n")}`);
}

/** Secrets the server kept in its data dir (auth-secret, app-secret-key, VAPID keys). */
async function generatedSecrets(): Promise<string[]> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  const secrets: string[] = [];
  for (const name of names) {
    const file = path.join(dataDir, name);
    if (!(await stat(file)).isFile() || name.endsWith(".lock")) continue;
    const content = (await readFile(file, "utf8")).trim();
    if (name.endsWith(".json")) {
      for (const value of Object.values(JSON.parse(content) as Record<string, unknown>)) if (typeof value === "string") secrets.push(value);
    } else secrets.push(content);
  }
  return secrets.filter((value) => value.length >= 16);
}

/** Every message text of the run, read from the e2e database (a copy of it on PGlite, which the running server holds). */
async function storedTexts(): Promise<string[]> {
  const query = `select distinct text from messages where length(text) >= ${MIN_TEXT_LENGTH}`;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${process.env.E2E_DATABASE ?? "switchboard_e2e"}`;
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      return (await sql.unsafe<{ text: string }[]>(query)).map((row) => row.text);
    } finally {
      await sql.end();
    }
  }
  const copy = await mkdtemp(path.join(tmpdir(), "switchboard-e2e-logs-"));
  try {
    await cp(path.join(dataDir, "pglite"), copy, { recursive: true });
    const { PGlite } = await import("@electric-sql/pglite");
    // The app's data directory holds search's extensions (db/client.ts), so open it with them.
    const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const pg = await PGlite.create(copy, { extensions: { unaccent, pg_trgm } });
    try {
      return (await pg.query<{ text: string }>(query)).rows.map((row) => row.text);
    } finally {
      await pg.close();
    }
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}
