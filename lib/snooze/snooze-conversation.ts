import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { conversations } from "@/db/schema";
import { lockAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { ok, refuse, type Result } from "@/lib/result";
import { wakeSnoozedJob } from "./wake-snoozed-job";
import { checkSnoozeTime, type SnoozeTimeRefusal } from "./snooze-time";
import { recordSnoozeChange } from "./wake";

export const snoozeInputSchema = z.strictObject({
  conversationId: z.uuid(),
  until: z.iso.datetime({ offset: true }),
});
export const unsnoozeInputSchema = z.strictObject({ conversationId: z.uuid() });

export type SnoozeRefusal = "not_found" | "conversation_closed" | SnoozeTimeRefusal;

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
  await wakeSnoozedJob.enqueue(tx, { conversationId: conversation.id, until: until.toISOString() }, { runAt: until, workspaceId: conversation.workspaceId });
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
