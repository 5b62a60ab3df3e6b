import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { conversationActivities, conversations, type Conversation } from "@/db/schema";
import { publishEvent } from "@/lib/realtime/bus";

type Activity = "snoozed" | "unsnoozed" | "snooze_ended";

export async function recordSnoozeChange(db: Executor, conversation: Conversation, kind: Activity, actorId: string | null, at: Date, detail?: Record<string, string>) {
  await db.insert(conversationActivities).values({
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    kind,
    actorId,
    detail,
    occurredAt: at,
  });
  await publishEvent(db, {
    type: "conversation.updated",
    workspaceId: conversation.workspaceId,
    appId: conversation.appId,
    conversationId: conversation.id,
    changes: ["snooze"],
  });
}

/**
 * The wake-up job's work: only when the conversation is still snoozed until exactly the time
 * this job was queued for. Re-snoozed, woken early, closed or deleted: nothing to do, so a
 * retried or late job changes nothing. Call inside a transaction.
 */
export async function wakeSnoozedConversation(tx: Executor, input: { conversationId: string; until: Date }, now = new Date()): Promise<boolean> {
  const [conversation] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, input.conversationId), isNull(conversations.deletedAt)))
    .for("update")
    .limit(1);
  if (!conversation || conversation.status !== "open" || conversation.snoozedUntil?.getTime() !== input.until.getTime()) return false;
  await tx.update(conversations).set({ snoozedUntil: null }).where(eq(conversations.id, conversation.id));
  await recordSnoozeChange(tx, conversation, "snooze_ended", null, now);
  return true;
}

/**
 * A customer's message ends a snooze early (spec §13). Called by ingest for an inbound message
 * on a conversation it has locked and found snoozed.
 */
export async function wakeByMessage(tx: Executor, conversation: Pick<Conversation, "id" | "workspaceId" | "appId">, at: Date): Promise<void> {
  await tx.update(conversations).set({ snoozedUntil: null }).where(eq(conversations.id, conversation.id));
  await tx.insert(conversationActivities).values({
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    kind: "woken_by_message",
    occurredAt: at,
  });
}
