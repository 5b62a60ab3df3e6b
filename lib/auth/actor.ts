import "server-only";
import { and, eq } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { Executor } from "@/db/client";
import { sessions, users, workspaces } from "@/db/schema";
import { auth } from "./index";
import { liveSession } from "./sessions";
import { actorFromUser, type Actor } from "@/lib/actor";
import { LOGIN_PATH, SETUP_PATH } from "@/lib/paths";

/**
 * Null when signed out, when the server-side session was revoked (sign-out elsewhere, a
 * password change, deactivation) or expired, or when the user was deactivated since: the JWT
 * alone would outlive all of these.
 */
export const getActor = cache(async (db: Executor): Promise<Actor | null> => (await getSignedIn(db))?.actor ?? null);

/** The actor with the id of the session they act through (the account page needs it). */
export const getSignedIn = cache(async (db: Executor): Promise<{ actor: Actor; sessionId: string } | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId) return null;
  const [row] = await db
    .select({ user: users })
    .from(users)
    .innerJoin(sessions, eq(sessions.userId, users.id))
    .where(and(eq(users.id, userId), eq(users.isActive, true), liveSession(sessionId)))
    .limit(1);
  return row ? { sessionId, actor: actorFromUser(row.user) } : null;
});


export async function requireUser(db: Executor): Promise<Actor> {
  const actor = await getActor(db);
  // Spec §12: an installation without a workspace leads every page to first-run setup.
  if (!actor) redirect((await hasAnyWorkspace(db)) ? LOGIN_PATH : SETUP_PATH);
  return actor;
}

/** Settings are for admins; everyone else gets the 403 page (app/forbidden.tsx). */
export async function requireAdmin(db: Executor): Promise<Actor> {
  const actor = await requireUser(db);
  if (actor.role !== "admin") forbidden();
  return actor;
}

/** Spec §12: every page leads to /setup until the installation has a workspace. */
export async function hasAnyWorkspace(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  return rows.length > 0;
}
