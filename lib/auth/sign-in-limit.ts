import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "@/db/client";
import { signInFailures } from "@/db/schema";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Wrong passwords for one email from one client before that pair is locked for the window. */
export const MAX_FAILURES_PER_WINDOW = 10;
/** Failures from one client across every email (credential stuffing); generous for a shared office address. */
export const MAX_CLIENT_FAILURES_PER_WINDOW = 50;
/** An email's failures from all clients before its attempts start to wait. */
export const FREE_FAILURES_PER_EMAIL = 5;
export const FIRST_DELAY_MS = 250;
export const MAX_DELAY_MS = 8_000;

/** Without a known client address (scripts, tests) every such attempt shares one client. */
const UNKNOWN_CLIENT = "unknown";

const pairKey = (email: string, client: string) => `pair ${email} ${client}`;
const clientKey = (client: string) => `client ${client}`;

export type SignInAttempt =
  /** Refused before the password is looked at: this email from this client, or this client, used up its failures. */
  | { allowed: false }
  /** May check the password after `delayMs`: the email's failures from every client make it wait, never lock. */
  | { allowed: true; delayMs: number };

/** 0 up to FREE_FAILURES_PER_EMAIL, then 250 ms doubling per failure, at most 8 s. */
export function delayAfter(emailFailures: number): number {
  if (emailFailures < FREE_FAILURES_PER_EMAIL) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (emailFailures - FREE_FAILURES_PER_EMAIL));
}

type Counts = { pair_failures: number | string; client_failures: number | string; other_failures: number | string | null };

/**
 * The check and the count in one statement: the attempt is counted as a failure before the
 * password is checked (a success takes it back), on a row per (email, client) and per client,
 * each an upsert that locks its row, so parallel attempts cannot all read "9" and all pass.
 * The counters stop one past their limit, so a locked stranger adds nothing more to the
 * email's delay. Returns what the attempt may do.
 */
export async function beginSignInAttempt(db: Executor, email: string, client: string | null, now = new Date()): Promise<SignInAttempt> {
  const address = client ?? UNKNOWN_CLIENT;
  const normalized = email.toLowerCase();
  const nowAt = now.toISOString();
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MS).toISOString();
  const upsert = (key: string, rowEmail: string, cap: number) => sql`
    insert into sign_in_failures (key, email, failures, window_started_at, failed_at)
    values (${key}, ${rowEmail}, 1, ${nowAt}::timestamptz, ${nowAt}::timestamptz)
    on conflict (key) do update set
      failures = case when sign_in_failures.window_started_at <= ${windowStart}::timestamptz then 1
                      else least(sign_in_failures.failures + 1, ${cap + 1}) end,
      window_started_at = case when sign_in_failures.window_started_at <= ${windowStart}::timestamptz then ${nowAt}::timestamptz
                               else sign_in_failures.window_started_at end,
      failed_at = ${nowAt}::timestamptz
    returning failures`;
  const rows = await queryRows<Counts>(
    db,
    sql`
    with pair as (${upsert(pairKey(normalized, address), normalized, MAX_FAILURES_PER_WINDOW)}),
         by_client as (${upsert(clientKey(address), "", MAX_CLIENT_FAILURES_PER_WINDOW)})
    select pair.failures as pair_failures, by_client.failures as client_failures,
           (select sum(other.failures) from sign_in_failures other
             where other.email = ${normalized} and other.key <> ${pairKey(normalized, address)}
               and other.window_started_at > ${windowStart}::timestamptz) as other_failures
    from pair, by_client`,
  );
  const counts = rows[0]!;
  const pair = Number(counts.pair_failures);
  if (pair > MAX_FAILURES_PER_WINDOW || Number(counts.client_failures) > MAX_CLIENT_FAILURES_PER_WINDOW) return { allowed: false };
  // This attempt is not a failure yet: the delay counts the ones before it.
  return { allowed: true, delayMs: delayAfter(pair - 1 + Number(counts.other_failures ?? 0)) };
}

/** The right password: the pair's failures are forgiven and the client's count gets this attempt back. */
export async function finishSuccessfulSignIn(db: Executor, email: string, client: string | null): Promise<void> {
  const address = client ?? UNKNOWN_CLIENT;
  await db.delete(signInFailures).where(eq(signInFailures.key, pairKey(email.toLowerCase(), address)));
  await db
    .update(signInFailures)
    .set({ failures: sql`greatest(${signInFailures.failures} - 1, 0)` })
    .where(and(eq(signInFailures.key, clientKey(address))));
}
