import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/index";
import { users, type MessagingApp } from "@/db/schema";
import { hasAppAccess } from "./access";

export type AssignableUser = { id: string; name: string; isAvailable: boolean };

/**
 * The people the assignment menu lists: active users of the workspace with access to the app.
 * Unavailable ones are included (shown disabled, spec §4); checkAssignee still decides.
 */
export async function listAssignableUsers(db: Executor, app: MessagingApp): Promise<AssignableUser[]> {
  const candidates = await db
    .select({ id: users.id, name: users.name, isAvailable: users.isAvailable, workspaceId: users.workspaceId })
    .from(users)
    .where(and(eq(users.workspaceId, app.workspaceId), eq(users.isActive, true)))
    .orderBy(asc(users.name));
  const withAccess = await Promise.all(
    candidates.map(async (user) => ((await hasAppAccess(db, { userId: user.id, workspaceId: user.workspaceId }, app.id)) ? user : null)),
  );
  return withAccess.filter((user) => user !== null).map(({ id, name, isAvailable }) => ({ id, name, isAvailable }));
}
