import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Transaction, Executor } from "@/db/client";
import { conversationActivities, conversations, users, workspaces } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { publishEvent } from "@/lib/realtime/bus";
import { ok, refuse, type Result } from "@/lib/result";

export const memberSchema = z.object({ userId: z.uuid() });
export const roleChangeSchema = z.object({ userId: z.uuid(), role: z.enum(["admin", "member"]) });

export type MemberRefusal = "not_admin" | "member_not_found" | "last_admin" | "cannot_deactivate_self" | "already_in_state";

/**
 * The target user of this workspace, with the workspace row locked first: every change that
 * could leave it without an active admin takes this lock, so two concurrent demotions of the
 * last two admins run one after the other and the second sees the first.
 */
async function lockMember(tx: Transaction, actor: Actor, userId: string) {
  // NO KEY UPDATE: it serialises these changes but not the foreign-key checks (KEY SHARE) of
  // rows written meanwhile, such as an assignment's activity line, which would deadlock.
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("no key update");
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId)))
    .for("no key update")
    .limit(1);
  return user ?? null;
}

async function otherActiveAdmins(tx: Transaction, workspaceId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, "admin"), eq(users.isActive, true), ne(users.id, userId)));
  return row?.n ?? 0;
}

export async function changeRole(db: Executor, actor: Actor, input: z.output<typeof roleChangeSchema>): Promise<Result<null, MemberRefusal>> {
  if (actor.role !== "admin") return refuse("not_admin");
  return db.transaction(async (tx) => {
    const user = await lockMember(tx, actor, input.userId);
    if (!user) return refuse("member_not_found");
    if (user.role === input.role) return refuse("already_in_state");
    if (input.role === "member" && user.isActive && (await otherActiveAdmins(tx, actor.workspaceId, user.id)) === 0) {
      return refuse("last_admin", { name: user.name });
    }
    await tx.update(users).set({ role: input.role }).where(eq(users.id, user.id));
    return ok(null);
  });
}

/**
 * Spec §12: at once, the user's sessions end (their live streams close), their open
 * conversations go back to Unassigned with a "was deactivated" line, and from now on they are
 * neither notified nor assignable (both rules read `is_active`). History keeps their name.
 */
export async function deactivateMember(db: Executor, actor: Actor, input: z.output<typeof memberSchema>): Promise<Result<{ unassigned: number }, MemberRefusal>> {
  if (actor.role !== "admin") return refuse("not_admin");
  if (input.userId === actor.userId) return refuse("cannot_deactivate_self");
  return db.transaction(async (tx) => {
    const user = await lockMember(tx, actor, input.userId);
    if (!user) return refuse("member_not_found");
    if (!user.isActive) return refuse("already_in_state");
    if (user.role === "admin" && (await otherActiveAdmins(tx, actor.workspaceId, user.id)) === 0) {
      return refuse("last_admin", { name: user.name });
    }
    const now = new Date();
    await tx.update(users).set({ isActive: false, deactivatedAt: now }).where(eq(users.id, user.id));
    const open = await tx
      .update(conversations)
      .set({ assigneeId: null, lastActivityAt: now })
      .where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.assigneeId, user.id), eq(conversations.status, "open")))
      .returning({ id: conversations.id, appId: conversations.appId });
    if (open.length > 0) {
      await tx.insert(conversationActivities).values(
        open.map((conversation) => ({
          workspaceId: actor.workspaceId,
          conversationId: conversation.id,
          kind: "assignee_deactivated" as const,
          actorId: actor.userId,
          targetUserId: user.id,
          occurredAt: now,
        })),
      );
    }
    for (const conversation of open) {
      await publishEvent(tx, {
        type: "conversation.updated",
        workspaceId: actor.workspaceId,
        appId: conversation.appId,
        conversationId: conversation.id,
        changes: ["assignee"],
      });
    }
    await revokeUserSessions(tx, user.id);
    await publishEvent(tx, { type: "workspace.user_updated", workspaceId: actor.workspaceId, userId: user.id });
    return ok({ unassigned: open.length });
  });
}

export async function reactivateMember(db: Executor, actor: Actor, input: z.output<typeof memberSchema>): Promise<Result<null, MemberRefusal>> {
  if (actor.role !== "admin") return refuse("not_admin");
  return db.transaction(async (tx) => {
    const user = await lockMember(tx, actor, input.userId);
    if (!user) return refuse("member_not_found");
    if (user.isActive) return refuse("already_in_state");
    await tx.update(users).set({ isActive: true, deactivatedAt: null }).where(eq(users.id, user.id));
    await publishEvent(tx, { type: "workspace.user_updated", workspaceId: actor.workspaceId, userId: user.id });
    return ok(null);
  });
}
