import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction, Executor } from "@/db/client";
import { conversationActivities, conversations, users, type MessagingApp } from "@/db/schema";
import { enqueueAssignmentNotification } from "@/lib/notifications/enqueue";
import { ok, refuse, type Result } from "@/lib/result";
import { publishEvent } from "@/lib/realtime/bus";
import { hasAppAccess, lockAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { isUuid } from "@/lib/ids";

export type AssignRefusal =
  | "not_found"
  | "unknown_assignee"
  | "assignee_unavailable"
  | "assignee_inactive"
  | "assignee_no_access"
  | "already_in_state";

export type AssigneeCheck = Result<{ id: string; name: string }, Exclude<AssignRefusal, "not_found" | "already_in_state">>;

/**
 * Spec §4–§5, the one home of "who may be assigned": an active, available user of the same
 * workspace with access to the conversation's app. Unavailability blocks everyone, the
 * assignee themself included.
 */
export async function checkAssignee(db: Transaction, app: MessagingApp, assigneeId: string): Promise<AssigneeCheck> {
  if (!isUuid(assigneeId)) return refuse("unknown_assignee");
  const [assignee] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, assigneeId), eq(users.workspaceId, app.workspaceId)))
    // Shared lock: a deactivation running now (lib/team/members.ts) waits for this assignment
    // and then unassigns it, or this waits for the deactivation and refuses.
    .for("share")
    .limit(1);
  if (!assignee) return refuse("unknown_assignee");
  if (!assignee.isActive) return refuse("assignee_inactive", { name: assignee.name });
  if (!assignee.isAvailable) return refuse("assignee_unavailable", { name: assignee.name });
  const subject = { userId: assignee.id, workspaceId: assignee.workspaceId };
  if (!(await hasAppAccess(db, subject, app.id))) return refuse("assignee_no_access", { name: assignee.name });
  return ok({ id: assignee.id, name: assignee.name });
}

/**
 * Assigns (or with `assigneeId: null` unassigns) a conversation. Concurrent calls serialise on
 * the conversation row, so each one's activity line describes a change that really happened
 * and the last one wins; a call that would change nothing says so instead of pretending.
 */
export async function assignConversation(
  db: Executor,
  actor: AccessSubject,
  input: { conversationId: string; assigneeId: string | null },
): Promise<Result<{ assigneeId: string | null }, AssignRefusal>> {
  return db.transaction(async (tx) => {
    const found = await lockAccessibleConversation(tx, actor, input.conversationId);
    if (!found) return refuse("not_found");
    const { conversation, app } = found;
    if (conversation.assigneeId === input.assigneeId) return refuse("already_in_state");

    if (input.assigneeId) {
      const check = await checkAssignee(tx, app, input.assigneeId);
      if (!check.ok) return check;
    }
    const now = new Date();
    await tx
      .update(conversations)
      .set({ assigneeId: input.assigneeId, lastActivityAt: now })
      .where(eq(conversations.id, conversation.id));
    const [activity] = await tx
      .insert(conversationActivities)
      .values({
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        kind: input.assigneeId ? "assigned" : "unassigned",
        actorId: actor.userId,
        targetUserId: input.assigneeId,
        occurredAt: now,
      })
      .returning();
    await enqueueAssignmentNotification(tx, activity!);
    await publishEvent(tx, {
      type: "conversation.updated",
      workspaceId: conversation.workspaceId,
      appId: conversation.appId,
      conversationId: conversation.id,
      changes: ["assignee"],
    });
    return ok({ assigneeId: input.assigneeId });
  });
}
