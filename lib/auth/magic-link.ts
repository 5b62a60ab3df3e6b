import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";
import { sendAccountEmail } from "@/lib/auth/account-emails";
import { takeLinkRequest } from "@/lib/auth/link-request-limit";
import { consumeToken, issueToken } from "@/lib/auth/one-time-tokens";
import { getEnv } from "@/lib/env";
import { ok, refuse, type Result } from "@/lib/result";

/** Spec §1, §12: offered only where Resend is configured. */
export function isMagicLinkEnabled(): boolean {
  return Boolean(getEnv().RESEND_API_KEY);
}

/** The same answer for any email; limited like reset links (5 an hour per email and per client). */
export async function requestMagicLink(db: Executor, email: string, client: string | null): Promise<Result<null, "rate_limited" | "not_available">> {
  if (!isMagicLinkEnabled()) return refuse("not_available");
  if (!(await takeLinkRequest(db, "magic", email, client))) return refuse("rate_limited");
  const [user] = await db.select().from(users).where(and(eq(users.email, email), eq(users.isActive, true))).limit(1);
  if (!user) return ok(null);
  const { token, row } = await issueToken(db, { purpose: "magic_link", email: user.email, userId: user.id, workspaceId: user.workspaceId });
  await sendAccountEmail(db, { kind: "magicLink", to: user.email, token, locale: user.locale, idempotencyKey: `magic:${row.id}` });
  return ok(null);
}

/** Uses the link up and names its active user; null for any token that is not a usable sign-in link. */
export async function consumeMagicLink(db: Executor, token: unknown): Promise<{ id: string; name: string; email: string } | null> {
  return db.transaction(async (tx) => {
    const row = await consumeToken(tx, "magic_link", token);
    if (!row?.userId) return null;
    const [user] = await tx.select().from(users).where(and(eq(users.id, row.userId), eq(users.isActive, true))).limit(1);
    return user ? { id: user.id, name: user.name, email: user.email } : null;
  });
}
