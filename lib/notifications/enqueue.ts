import "server-only";
import type { Executor, Transaction } from "@/db/client";
import type { ConversationActivity, Message } from "@/db/schema";
import { ASSIGNMENT_NOTICE_DELAY_MS, notifyAssignmentJob } from "./notify-assignment-job";
import { notifyMentionJob } from "./notify-mention-job";
import { notifyMessageJob } from "./notify-message-job";
import { notifyTestJob } from "./notify-test-job";

export async function enqueueMessageNotifications(tx: Transaction, message: Pick<Message, "id" | "workspaceId">, assigneeIdAtStore: string | null) {
  await notifyMessageJob.enqueue(tx, { messageId: message.id, assigneeIdAtStore }, { workspaceId: message.workspaceId });
}

export async function enqueueAssignmentNotification(tx: Transaction, activity: ConversationActivity) {
  if (!activity.targetUserId || activity.targetUserId === activity.actorId) return;
  await notifyAssignmentJob.enqueue(
    tx,
    { activityId: activity.id },
    { workspaceId: activity.workspaceId, runAt: new Date(Date.now() + ASSIGNMENT_NOTICE_DELAY_MS) },
  );
}

/** Spec §13: a private note's mentions, decided when it was written (the job re-checks access). */
export async function enqueueMentionNotifications(db: Executor, activity: ConversationActivity, mentionedUserIds: string[]) {
  const others = mentionedUserIds.filter((id) => id !== activity.actorId);
  if (others.length === 0) return;
  await notifyMentionJob.enqueue(db, { activityId: activity.id, mentionedUserIds: others }, { workspaceId: activity.workspaceId });
}

export async function enqueueTestNotification(db: Executor, userId: string) {
  await notifyTestJob.enqueue(db, { userId });
}
