import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messagingApps, users, type MessagingApp } from "@/db/schema";
import { appAccessibleBy } from "@/lib/apps/access";

export type AssignableUser = { id: string; name: string; isAvailable: boolean };

/**
 * The people the assignment menu lists: active users of the workspace with access to the app,
 * in one query. Unavailable ones are included (shown disabled, spec §4); checkAssignee in
 * assign-conversation.ts still decides when someone is picked.
 */
export async function listAssignableUsers(db: Executor, app: MessagingApp): Promise<AssignableUser[]> {
  return db
    .select({ id: users.id, name: users.name, isAvailable: users.isAvailable })
    .from(users)
    .innerJoin(messagingApps, eq(messagingApps.id, app.id))
    .where(and(eq(users.isActive, true), appAccessibleBy({ userId: users.id, workspaceId: users.workspaceId })))
    .orderBy(asc(users.name));
}
