import "server-only";
import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/index";
import { appAccess, users, type MessagingApp } from "@/db/schema";

export type AssignableUser = { id: string; name: string; isAvailable: boolean };

/**
 * The people the assignment menu lists: active users of the workspace with access to the app,
 * in one query. Unavailable ones are included (shown disabled, spec §4); checkAssignee in
 * assign-conversation.ts still decides when someone is picked.
 */
export async function listAssignableUsers(db: Executor, app: MessagingApp): Promise<AssignableUser[]> {
  const hasAccess =
    app.accessMode === "everyone"
      ? sql`true`
      : or(
          eq(users.id, app.installerId),
          sql`exists (select 1 from ${appAccess} where ${appAccess.appId} = ${app.id} and ${appAccess.userId} = ${users.id})`,
        );
  return db
    .select({ id: users.id, name: users.name, isAvailable: users.isAvailable })
    .from(users)
    .where(and(eq(users.workspaceId, app.workspaceId), eq(users.isActive, true), hasAccess))
    .orderBy(asc(users.name));
}
