import "server-only";
import { and, eq, gt, isNull, lte, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { oneTimeTokens, users } from "@/db/schema";

/** An invitation to `email` that was neither accepted nor revoked (it may have expired). */
function openInvitationTo(email: string): SQL {
  return and(eq(oneTimeTokens.email, email), eq(oneTimeTokens.purpose, "invitation"), isNull(oneTimeTokens.usedAt), isNull(oneTimeTokens.revokedAt))!;
}

/**
 * Emails are unique across the installation (spec §12): a user's, or one with a pending
 * invitation. The unique indexes on both tables catch a race this check misses.
 */
export async function isEmailTaken(executor: Executor, email: string, now = new Date()): Promise<boolean> {
  const [user] = await executor.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (user) return true;
  const [invitation] = await executor
    .select({ id: oneTimeTokens.id })
    .from(oneTimeTokens)
    .where(and(openInvitationTo(email), gt(oneTimeTokens.expiresAt, now)))
    .limit(1);
  return Boolean(invitation);
}

/** An expired, never-used invitation no longer holds its address: revoked so a new one can be made. */
export async function releaseExpiredInvitation(executor: Executor, email: string, now = new Date()): Promise<void> {
  await executor
    .update(oneTimeTokens)
    .set({ revokedAt: now })
    .where(and(openInvitationTo(email), lte(oneTimeTokens.expiresAt, now)));
}
