import "server-only";
import { and, count, eq, gte, inArray, lt } from "drizzle-orm";
import { getDb } from "@/db/index";
import { signInFailures } from "@/db/schema";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_WINDOW = 10;

/**
 * Without a proxy's X-Forwarded-For there is no client to tell apart: one shared bucket would
 * let anyone lock everyone out, so only the email's limit applies then (docs/decisions.md).
 */
function keysFor(email: string, client: string | null): string[] {
  return client ? [`email:${email.toLowerCase()}`, `client:${client}`] : [`email:${email.toLowerCase()}`];
}

/** Limited when either the email or the client has used up its failures in the window. */
export async function isSignInLimited(email: string, client: string | null, now = new Date()): Promise<boolean> {
  const db = await getDb();
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const rows = await db
    .select({ key: signInFailures.key, failures: count() })
    .from(signInFailures)
    .where(and(inArray(signInFailures.key, keysFor(email, client)), gte(signInFailures.failedAt, since)))
    .groupBy(signInFailures.key);
  return rows.some((row) => row.failures >= MAX_FAILURES_PER_WINDOW);
}

export async function recordSignInFailure(email: string, client: string | null, now = new Date()): Promise<void> {
  const db = await getDb();
  await db.insert(signInFailures).values(keysFor(email, client).map((key) => ({ key, failedAt: now })));
  // Old rows no longer count; pruning them here keeps the table small without a cron.
  await db
    .delete(signInFailures)
    .where(lt(signInFailures.failedAt, new Date(now.getTime() - SIGN_IN_WINDOW_MS)));
}

export async function clearSignInFailures(email: string): Promise<void> {
  const db = await getDb();
  await db.delete(signInFailures).where(eq(signInFailures.key, `email:${email.toLowerCase()}`));
}
