import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/crypto/password";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { ok, refuse, type Result } from "@/lib/result";
import { sendAccountEmail } from "@/lib/auth/account-emails";
import { takeLinkRequest } from "@/lib/auth/link-request-limit";
import { consumeToken, findUsableToken, issueToken, revokeTokens } from "@/lib/auth/one-time-tokens";
import { emailField, passwordField, passwordProblem } from "./password-policy";

export const forgotPasswordSchema = z.object({ email: emailField });
export const resetPasswordSchema = z.object({ token: z.string().max(100), password: passwordField });

/**
 * The same answer for a known and an unknown email (spec §12): only the rate limit refuses,
 * and it counts unknown emails too. A new link voids the user's earlier ones.
 */
export async function requestPasswordReset(db: Executor, email: string, client: string | null): Promise<Result<null, "rate_limited">> {
  if (!(await takeLinkRequest(db, "reset", email, client))) return refuse("rate_limited");
  const [user] = await db.select().from(users).where(and(eq(users.email, email), eq(users.isActive, true))).limit(1);
  if (!user) return ok(null);
  const { token, row } = await db.transaction(async (tx) => {
    await revokeTokens(tx, { purpose: "password_reset", userId: user.id });
    return issueToken(tx, { purpose: "password_reset", email: user.email, userId: user.id, workspaceId: user.workspaceId });
  });
  await sendAccountEmail(db, { kind: "passwordReset", to: user.email, token, locale: user.locale, idempotencyKey: `reset:${row.id}` });
  return ok(null);
}

/** Whether /reset-password/{token} shows the form or "no longer valid". */
export async function isResetTokenUsable(db: Executor, token: unknown): Promise<boolean> {
  return db.transaction(async (tx) => Boolean(await findUsableToken(tx, "password_reset", token)));
}

export type ResetRefusal = "link_invalid" | "password_too_short" | "password_is_email";

/** Sets the new password and ends every session of the user; the caller signs this browser in. */
export async function resetPassword(db: Executor, input: z.output<typeof resetPasswordSchema>): Promise<Result<{ email: string }, ResetRefusal>> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const row = await findUsableToken(tx, "password_reset", input.token);
    if (!row?.userId) return refuse("link_invalid");
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId)).limit(1);
    if (!user?.isActive) return refuse("link_invalid");
    // A weak password leaves the link usable for a second try.
    const problem = passwordProblem(input.password, user.email);
    if (problem) return refuse(problem);
    await consumeToken(tx, "password_reset", input.token);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await revokeUserSessions(tx, user.id);
    return ok({ email: user.email });
  });
}
