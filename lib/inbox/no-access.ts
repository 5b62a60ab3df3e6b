import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messagingApps, users } from "@/db/schema";
import type { AccessSubject } from "@/lib/apps/access";
import { appAccessibleBy } from "@/lib/apps/access";

/**
 * Issue 16 item 10: what the inbox says to a user who reaches no app. A workspace without
 * installed apps gets "No messaging apps yet"; one with apps tells the user they have no
 * access and names the workspace's active admins, who can give it (spec §2).
 */
export type NoAccessState = { workspaceHasApps: false } | { workspaceHasApps: true; adminNames: string[] };

export async function describeNoAccess(db: Executor, workspaceId: string): Promise<NoAccessState> {
  const [app] = await db
    .select({ id: messagingApps.id })
    .from(messagingApps)
    .where(and(eq(messagingApps.workspaceId, workspaceId), isNull(messagingApps.uninstalledAt)))
    .limit(1);
  if (!app) return { workspaceHasApps: false };
  const admins = await db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, "admin"), eq(users.isActive, true)))
    .orderBy(asc(users.name));
  return { workspaceHasApps: true, adminNames: admins.map((admin) => admin.name) };
}

/** Whether the user reaches at least one installed app: the availability toggle means nothing otherwise. */
export async function hasAnyAppAccess(db: Executor, subject: AccessSubject): Promise<boolean> {
  const rows = await db.select({ id: messagingApps.id }).from(messagingApps).where(appAccessibleBy(subject)).limit(1);
  return rows.length > 0;
}
