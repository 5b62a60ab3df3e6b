import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { conversationActivities, conversations, type Conversation } from "@/db/schema";
import { lockAccessibleConversation, type AccessSubject } from "@/lib/inbox/access";
import { enqueueJob } from "@/lib/jobs/queue";
import { publishEvent } from "@/lib/realtime/bus";
import { ok, refuse, type Result } from "@/lib/result";
import { WAKE_SNOOZED } from "./jobs/queues";
import { checkSnoozeTime, type SnoozeTimeRefusal } from "./snooze-time";

export const snoozeInputSchema = z.strictObject({
  conversationId: z.uuid(),
  until: z.iso.datetime({ offset: true }),
});
export const unsnoozeInputSchema = z.strictObject({ conversationId: z.uuid() });

export type SnoozeRefusal = "not_found" | "conversation_closed" | SnoozeTimeRefusal;

type Activity = "snoozed" | "unsnoozed" | "snooze_ended";

async function recordSnoozeChange(db: Executor, conversation: Conversation, kind: Activity, actorId: string | null, at: Date, detail?: Record<string, string>) {
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
 * Spec §13 Snooze: hides an open conversation from its view until `until`, or until the
 * customer writes (lib/inbox/ingest-events.ts), whichever is first. The wake-up is a durable
 * job due at that time, so it survives restarts; snoozing again queues a new one and the old
 * one finds its time no longer current. Call inside a transaction: the row is locked.
 */
export async function snoozeConversation(
  tx: Executor,
  actor: AccessSubject,
  input: z.output<typeof snoozeInputSchema>,
  now = new Date(),
): Promise<Result<{ until: Date }, SnoozeRefusal>> {
  const checked = checkSnoozeTime(new Date(input.until), now);
  if (!checked.ok) return checked;
  const found = await lockAccessibleConversation(tx, actor, input.conversationId);
  if (!found) return refuse("not_found");
  const { conversation } = found;
  if (conversation.status === "closed") return refuse("conversation_closed");
  // Millisecond precision: the job compares it with what it was queued for.
  const until = new Date(Math.floor(checked.value.getTime()));
  await tx.update(conversations).set({ snoozedUntil: until }).where(eq(conversations.id, conversation.id));
  await enqueueJob(
    tx,
    WAKE_SNOOZED,
    { conversationId: conversation.id, until: until.toISOString() },
    { dedupeKey: `${WAKE_SNOOZED}:${conversation.id}:${until.toISOString()}`, runAt: until, workspaceId: conversation.workspaceId },
  );
  await recordSnoozeChange(tx, conversation, "snoozed", actor.userId, now, { until: until.toISOString() });
  return ok({ until });
}

/** Takes a snoozed conversation back into its view now. */
export async function unsnoozeConversation(
  tx: Executor,
  actor: AccessSubject,
  input: z.output<typeof unsnoozeInputSchema>,
): Promise<Result<null, "not_found" | "not_snoozed">> {
  const found = await lockAccessibleConversation(tx, actor, input.conversationId);
  if (!found) return refuse("not_found");
  const { conversation } = found;
  if (!conversation.snoozedUntil || conversation.status !== "open") return refuse("not_snoozed");
  await tx.update(conversations).set({ snoozedUntil: null }).where(eq(conversations.id, conversation.id));
  await recordSnoozeChange(tx, conversation, "unsnoozed", actor.userId, new Date());
  return ok(null);
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
