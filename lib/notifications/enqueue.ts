import "server-only";
import type { Executor, Transaction } from "@/db/client";
import type { ConversationActivity, Message } from "@/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import { ASSIGNMENT_NOTICE_DELAY_MS, NOTIFY_ASSIGNMENT, NOTIFY_MENTION, NOTIFY_MESSAGE, NOTIFY_TEST } from "./jobs/queues";

/**
 * Queued in the transaction that stored the message, with the assignment as it was then:
 * spec §6 decides message events by that, not by whatever happens before the job runs.
 */
export async function enqueueMessageNotifications(tx: Transaction, message: Message, assigneeIdAtStore: string | null) {
  await enqueueJob(tx, NOTIFY_MESSAGE, { messageId: message.id, assigneeIdAtStore }, { dedupeKey: `${NOTIFY_MESSAGE}:${message.id}`, workspaceId: message.workspaceId });
}

export async function enqueueAssignmentNotification(tx: Transaction, activity: ConversationActivity) {
  if (!activity.targetUserId || activity.targetUserId === activity.actorId) return;
  await enqueueJob(
    tx,
    NOTIFY_ASSIGNMENT,
    { activityId: activity.id },
    { dedupeKey: `${NOTIFY_ASSIGNMENT}:${activity.id}`, workspaceId: activity.workspaceId, runAt: new Date(Date.now() + ASSIGNMENT_NOTICE_DELAY_MS) },
  );
}

/** Spec §13: a private note's mentions, decided when it was written (the job re-checks access). */
export async function enqueueMentionNotifications(db: Executor, activity: ConversationActivity, mentionedUserIds: string[]) {
  const others = mentionedUserIds.filter((id) => id !== activity.actorId);
  if (others.length === 0) return;
  await enqueueJob(
    db,
    NOTIFY_MENTION,
    { activityId: activity.id, mentionedUserIds: others },
    { dedupeKey: `${NOTIFY_MENTION}:${activity.id}`, workspaceId: activity.workspaceId },
  );
}

export async function enqueueTestNotification(db: Executor, userId: string) {
  await enqueueJob(db, NOTIFY_TEST, { userId });
}
