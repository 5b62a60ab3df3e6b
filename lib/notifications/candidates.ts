import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messagingApps, users, workspaces, type MessagingApp } from "@/db/schema";
import { appAccessibleBy } from "@/lib/apps/access";
import { loadPreferences } from "./preferences";
import type { Candidate } from "./recipients";

export type Person = Candidate & { name: string; email: string; locale: string };

/** Everyone of the app's workspace, with what the recipients rule needs to decide about them. */
export async function loadCandidates(db: Executor, app: MessagingApp): Promise<Person[]> {
  const rows = await db
    .select({ user: users, defaultLocale: workspaces.defaultLocale, accessibleAppId: messagingApps.id })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    // The app joins only where this user may reach it: one query instead of a check per user.
    .leftJoin(
      messagingApps,
      and(eq(messagingApps.id, app.id), appAccessibleBy({ userId: users.id, workspaceId: users.workspaceId })),
    )
    .where(and(eq(users.workspaceId, app.workspaceId), eq(users.isActive, true)));
  const preferences = await loadPreferences(db, rows.map((row) => row.user.id));
  return rows.map(({ user, defaultLocale, accessibleAppId }) => ({
    userId: user.id,
    isActive: user.isActive,
    hasAccess: accessibleAppId !== null,
    preferences: preferences.get(user.id)!,
    name: user.name,
    email: user.email,
    locale: user.locale ?? defaultLocale,
  }));
}
