import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { hashPassword, verifyPassword } from "@/lib/crypto/password";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { isUniqueViolation } from "@/db/errors";
import { ok, refuse, type Result } from "@/lib/result";
import { sendAccountEmail } from "@/lib/auth/account-emails";
import { isEmailTaken } from "./email-taken";
import { findUsableToken, issueToken, markTokenUsed, revokeTokens } from "@/lib/auth/one-time-tokens";
import { emailField, nameField, passwordField, passwordProblem } from "./password-policy";

export const nameSchema = z.object({ name: nameField });
export const emailChangeSchema = z.object({ email: emailField });
export const passwordChangeSchema = z.object({ currentPassword: z.string().max(1000), newPassword: passwordField });

export async function updateName(db: Executor, actor: Actor, input: z.output<typeof nameSchema>): Promise<Result<null, never>> {
  await db.update(users).set({ name: input.name }).where(eq(users.id, actor.userId));
  return ok(null);
}

/** The new address is only taken once its owner opens the link sent there (spec §12). */
export async function requestEmailChange(
  db: Executor,
  actor: Actor,
  input: z.output<typeof emailChangeSchema>,
): Promise<Result<{ email: string }, "already_in_state" | "email_taken">> {
  if (input.email === actor.email) return refuse("already_in_state");
  if (await isEmailTaken(db, input.email)) return refuse("email_taken");
  const { token, row } = await db.transaction(async (tx) => {
    // One pending change at a time: an earlier link stops working.
    await revokeTokens(tx, { purpose: "email_change", userId: actor.userId });
    return issueToken(tx, { purpose: "email_change", email: input.email, userId: actor.userId, workspaceId: actor.workspaceId });
  });
  await sendAccountEmail(db, { kind: "emailChange", to: input.email, token, locale: actor.locale, idempotencyKey: `email-change:${row.id}` });
  return ok({ email: input.email });
}

export async function confirmEmailChange(db: Executor, token: unknown): Promise<Result<{ email: string }, "link_invalid" | "email_in_use">> {
  return db
    .transaction(async (tx) => {
      const row = await findUsableToken(tx, "email_change", token);
      if (!row?.userId) return refuse("link_invalid");
      const [user] = await tx.select().from(users).where(eq(users.id, row.userId)).limit(1);
      if (!user?.isActive) return refuse("link_invalid");
      if (await isEmailTaken(tx, row.email)) return refuse("email_in_use");
      await markTokenUsed(tx, row.id);
      await tx.update(users).set({ email: row.email, emailVerified: new Date() }).where(eq(users.id, user.id));
      return ok({ email: row.email });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return refuse("email_in_use");
      throw error;
    });
}

export type PasswordChangeRefusal = "wrong_password" | "password_too_short" | "password_is_email";

/** Needs the current password; every other session of the user ends (spec §12), this one stays. */
export async function changePassword(
  db: Executor,
  actor: Actor,
  sessionId: string,
  input: z.output<typeof passwordChangeSchema>,
): Promise<Result<null, PasswordChangeRefusal>> {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user?.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) return refuse("wrong_password");
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) return refuse(problem);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await revokeUserSessions(tx, user.id, sessionId);
    await revokeTokens(tx, { purpose: "password_reset", userId: user.id });
  });
  return ok(null);
}

/** "Sign out of all sessions": this browser too. */
export async function signOutEverywhere(db: Executor, actor: Actor): Promise<void> {
  await db.transaction((tx) => revokeUserSessions(tx, actor.userId));
}
