import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, lt, ne, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { publishEvent } from "@/lib/realtime/bus";

/** As long as the JWT (lib/auth/config.ts): the row, not the cookie, decides when it ends. */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** A new server-side session for a sign-in; its id goes into the JWT. */
export async function createSession(db: Executor, userId: string, userAgent: string | null, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.transaction(async (tx) => {
    // Expired rows of this user go on each sign-in, so the table holds only live sessions.
    await tx.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
    await tx.insert(sessions).values({
      id,
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000),
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
  });
  return id;
}

/** The one condition of a live session: its row exists (not revoked) and has not expired. */
export function liveSession(sessionId: string, now = new Date()): SQL {
  return and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now))!;
}

/** Whether the user's session is live and the user still active: what a long-lived stream re-checks. */
export async function isSessionLive(executor: Executor, sessionId: string, userId: string): Promise<boolean> {
  const rows = await executor
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(liveSession(sessionId), eq(sessions.userId, userId), eq(users.isActive, true)))
    .limit(1);
  return rows.length > 0;
}

async function announceRevocation(executor: Executor, userId: string): Promise<void> {
  const [user] = await executor.select({ workspaceId: users.workspaceId }).from(users).where(eq(users.id, userId)).limit(1);
  // Every instance's live streams of this user re-check their session and close if it is gone.
  if (user) await publishEvent(executor, { type: "session.revoked", workspaceId: user.workspaceId, userId });
}

/** Sign-out: this one session ends on the server, whoever holds a copy of the cookie. */
export async function revokeSession(db: Executor, sessionId: string): Promise<void> {
  const [gone] = await db.delete(sessions).where(eq(sessions.id, sessionId)).returning({ userId: sessions.userId });
  if (gone) await announceRevocation(db, gone.userId);
}

/**
 * Every session of the user ends ("Sign out of all sessions", deactivation), or every one but
 * `exceptSessionId` (a password change keeps the browser that made it).
 */
export async function revokeUserSessions(executor: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  await executor
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
  await announceRevocation(executor, userId);
}
