import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { oneTimeTokens, users, workspaces } from "@/db/schema";
import { accountLink, sendAccountEmail } from "@/lib/auth/account-emails";
import { isEmailTaken, releaseExpiredInvitation } from "@/lib/accounts/email-taken";
import { consumeToken, findUsableToken, issueToken, type OneTimeToken } from "@/lib/auth/one-time-tokens";
import { emailField, nameField, passwordField, passwordProblem } from "@/lib/accounts/password-policy";
import type { Actor } from "@/lib/actor";
import { hashPassword } from "@/lib/crypto/password";
import { isUniqueViolation } from "@/db/errors";
import { ok, refuse, type Result } from "@/lib/result";

export const MAX_INVITES_AT_ONCE = 20;

/** "a@x.test, b@x.test" or one per line: the dialog's Email field takes one or several. */
export const inviteSchema = z.object({
  emails: z
    .string()
    .max(20_000, "emails_too_many")
    .transform((value) => [...new Set(value.split(/[\s,;]+/).map((part) => part.trim().toLowerCase()).filter(Boolean))])
    .pipe(z.array(z.string()).min(1, "emails_required").max(MAX_INVITES_AT_ONCE, "emails_too_many")),
  role: z.enum(["admin", "member"]),
});

export type InviteRefusal = "not_admin" | "email_invalid" | "email_taken";
export type SentInvitation = { id: string; email: string; link: string };

async function workspaceOf(executor: Executor, workspaceId: string) {
  const [workspace] = await executor.select().from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return workspace!;
}

async function emailInvitation(db: Executor, actor: Actor, invitation: { id: string; email: string }, token: string): Promise<string> {
  const workspace = await workspaceOf(db, actor.workspaceId);
  // Spec §12: the invitation is in the inviter's workspace language.
  return sendAccountEmail(db, {
    kind: "invitation",
    to: invitation.email,
    token,
    locale: workspace.defaultLocale,
    values: { company: workspace.name, inviter: actor.name },
    idempotencyKey: `invitation:${invitation.id}`,
  });
}

/**
 * Invites every address at once or none: an invalid address or one already in use anywhere in
 * the installation (a user, a pending invitation) refuses the whole batch, naming it.
 */
export async function invitePeople(db: Executor, actor: Actor, input: z.output<typeof inviteSchema>): Promise<Result<SentInvitation[], InviteRefusal>> {
  if (actor.role !== "admin") return refuse("not_admin");
  for (const email of input.emails) {
    if (!emailField.safeParse(email).success) return refuse("email_invalid", { email });
  }
  const issued = await db.transaction(async (tx) => {
    // Every address is checked before any is written: a refusal must leave nothing behind.
    for (const email of input.emails) {
      if (await isEmailTaken(tx, email)) return refuse("email_taken", { email });
    }
    const tokens: Array<{ row: OneTimeToken; token: string }> = [];
    for (const email of input.emails) {
      await releaseExpiredInvitation(tx, email);
      tokens.push(
        await issueToken(tx, { purpose: "invitation", email, workspaceId: actor.workspaceId, role: input.role, createdById: actor.userId }),
      );
    }
    return ok(tokens);
  }).catch((error: unknown) => {
    // Two admins inviting one address at the same moment: the partial unique index decides.
    if (isUniqueViolation(error)) return refuse("email_taken", { email: input.emails.join(", ") });
    throw error;
  });
  if (!issued.ok) return issued;
  const sent: SentInvitation[] = [];
  for (const { row, token } of issued.value) {
    let link: string;
    try {
      link = await emailInvitation(db, actor, row, token);
    } catch (error) {
      // The invitation stands and the dialog shows its link to copy, email or not.
      console.error("[team] could not email an invitation", error);
      link = accountLink("invitation", token);
    }
    sent.push({ id: row.id, email: row.email, link });
  }
  return ok(sent);
}


async function pendingInvitation(tx: Executor, actor: Actor, invitationId: string) {
  const [row] = await tx
    .select()
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.id, invitationId),
        eq(oneTimeTokens.workspaceId, actor.workspaceId),
        eq(oneTimeTokens.purpose, "invitation"),
        isNull(oneTimeTokens.usedAt),
        isNull(oneTimeTokens.revokedAt),
      ),
    )
    .for("update")
    .limit(1);
  return row ?? null;
}

/** Resend: the old link stops working and a new one (valid 7 days again) goes out. */
export async function resendInvitation(db: Executor, actor: Actor, invitationId: string): Promise<Result<SentInvitation, "not_admin" | "invitation_not_found">> {
  if (actor.role !== "admin") return refuse("not_admin");
  const issued = await db.transaction(async (tx) => {
    const old = await pendingInvitation(tx, actor, invitationId);
    if (!old) return null;
    await tx.update(oneTimeTokens).set({ revokedAt: new Date() }).where(eq(oneTimeTokens.id, old.id));
    return issueToken(tx, { purpose: "invitation", email: old.email, workspaceId: actor.workspaceId, role: old.role, createdById: actor.userId });
  });
  if (!issued) return refuse("invitation_not_found");
  return ok({ id: issued.row.id, email: issued.row.email, link: await emailInvitation(db, actor, issued.row, issued.token) });
}

export async function revokeInvitation(db: Executor, actor: Actor, invitationId: string): Promise<Result<null, "not_admin" | "invitation_not_found">> {
  if (actor.role !== "admin") return refuse("not_admin");
  return db.transaction(async (tx) => {
    const row = await pendingInvitation(tx, actor, invitationId);
    if (!row) return refuse("invitation_not_found");
    await tx.update(oneTimeTokens).set({ revokedAt: new Date() }).where(eq(oneTimeTokens.id, row.id));
    return ok(null);
  });
}

/** What /invite/{token} shows: the company to join, or null ("no longer valid") for any bad token. */
export async function findInvitation(db: Executor, token: unknown): Promise<{ email: string; company: string } | null> {
  return db.transaction(async (tx) => {
    const row = await findUsableToken(tx, "invitation", token);
    if (!row?.workspaceId) return null;
    return { email: row.email, company: (await workspaceOf(tx, row.workspaceId)).name };
  });
}

export const acceptInvitationSchema = z.object({ token: z.string().max(100), name: nameField, password: passwordField });

export type AcceptRefusal = "invitation_invalid" | "password_too_short" | "password_is_email" | "email_in_use";

/** Creates the invited user (role from the invitation) and uses the token up; the caller signs them in. */
export async function acceptInvitation(
  db: Executor,
  input: z.output<typeof acceptInvitationSchema>,
): Promise<Result<{ userId: string; email: string }, AcceptRefusal>> {
  const preview = await findInvitation(db, input.token);
  if (!preview) return refuse("invitation_invalid");
  const problem = passwordProblem(input.password, preview.email);
  if (problem) return refuse(problem);
  const passwordHash = await hashPassword(input.password);
  return db
    .transaction(async (tx) => {
      const row = await consumeToken(tx, "invitation", input.token);
      if (!row?.workspaceId) return refuse("invitation_invalid");
      const workspace = await workspaceOf(tx, row.workspaceId);
      const [user] = await tx
        .insert(users)
        .values({
          workspaceId: row.workspaceId,
          name: input.name,
          email: row.email,
          passwordHash,
          role: row.role ?? "member",
          locale: workspace.defaultLocale,
          emailVerified: new Date(),
        })
        .returning();
      return ok({ userId: user!.id, email: user!.email });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return refuse("email_in_use");
      throw error;
    });
}
