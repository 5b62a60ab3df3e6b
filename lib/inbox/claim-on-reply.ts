import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { conversationActivities, conversations, workspaces, type Conversation, type MessagingApp } from "@/db/schema";
import { publishEvent } from "@/lib/realtime/bus";
import type { AccessSubject } from "@/lib/apps/access";
import { checkAssignee } from "./assign-conversation";
import { CLAIMED_BY_REPLY_DETAIL } from "./auto-assign-detail";


/**
 * Issue 16: a reply to an unassigned open conversation assigns it to the replier, in the reply's
 * transaction. The caller holds the conversation's row lock (lockAccessibleConversation), so of
 * two concurrent replies the second sees the first's assignee and claims nothing. Someone
 * else's conversation is never taken; the workspace can turn this off (`claim_on_reply`). The
 * same live event as a manual assignment, and no notification: the replier did it.
 */
export async function claimOnReply(tx: Transaction, actor: AccessSubject, conversation: Conversation, app: MessagingApp, at: Date): Promise<boolean> {
  if (conversation.status !== "open" || conversation.assigneeId !== null) return false;
  const [workspace] = await tx
    .select({ claimOnReply: workspaces.claimOnReply })
    .from(workspaces)
    .where(eq(workspaces.id, conversation.workspaceId))
    .limit(1);
  if (!workspace?.claimOnReply) return false;
  // Someone unavailable may still answer, but is not given the conversation (spec §4–§5).
  if (!(await checkAssignee(tx, app, actor.userId)).ok) return false;
  const [claimed] = await tx
    .update(conversations)
    .set({ assigneeId: actor.userId })
    .where(and(eq(conversations.id, conversation.id), isNull(conversations.assigneeId)))
    .returning({ id: conversations.id });
  if (!claimed) return false;
  await tx.insert(conversationActivities).values({
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    kind: "assigned",
    actorId: actor.userId,
    targetUserId: actor.userId,
    detail: { ...CLAIMED_BY_REPLY_DETAIL },
    // Just before the reply, so the thread reads "took it by replying", then the reply.
    occurredAt: new Date(at.getTime() - 1),
  });
  await publishEvent(tx, {
    type: "conversation.updated",
    workspaceId: conversation.workspaceId,
    appId: conversation.appId,
    conversationId: conversation.id,
    changes: ["assignee"],
  });
  return true;
}
