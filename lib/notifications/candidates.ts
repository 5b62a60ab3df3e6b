import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messagingApps, pushSubscriptions, users, workspaces, type MessagingApp } from "@/db/schema";
import { appAccessibleBy } from "@/lib/apps/access";
import { preferenceMatrixOf, storedPreferenceRows } from "./preferences";
import type { Candidate } from "./recipients";

export type Person = Candidate & {
  name: string;
  email: string;
  locale: string;
  /** Whether any browser of theirs takes web push: without one, a desktop notification costs no lookup of them. */
  hasPushSubscription: boolean;
};

/**
 * Everyone of the app's workspace, with what the recipients rule needs to decide about them,
 * in one query: a notification job's fixed cost is its round trips (issue 12).
 */
export async function loadCandidates(db: Executor, app: MessagingApp): Promise<Person[]> {
  const rows = await db
    .select({
      user: users,
      defaultLocale: workspaces.defaultLocale,
      accessibleAppId: messagingApps.id,
      preferences: storedPreferenceRows(users.id),
      hasPushSubscription: sql<boolean>`exists (select 1 from ${pushSubscriptions} s where s.user_id = ${users.id})`,
    })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    // The app joins only where this user may reach it: one query instead of a check per user.
    .leftJoin(
      messagingApps,
      and(eq(messagingApps.id, app.id), appAccessibleBy({ userId: users.id, workspaceId: users.workspaceId })),
    )
    .where(and(eq(users.workspaceId, app.workspaceId), eq(users.isActive, true)));
  return rows.map(({ user, defaultLocale, accessibleAppId, preferences, hasPushSubscription }) => ({
    userId: user.id,
    isActive: user.isActive,
    hasAccess: accessibleAppId !== null,
    preferences: preferenceMatrixOf(preferences),
    name: user.name,
    email: user.email,
    locale: user.locale ?? defaultLocale,
    hasPushSubscription,
  }));
}
