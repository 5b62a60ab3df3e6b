import "server-only";
import { and, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Transaction, Executor } from "@/db/client";
import { conversationActivities, conversations, messages, type MessagingApp } from "@/db/schema";
import { withBatchedWrites } from "@/db/transaction-batch";
import type { DeliveryEvent, InboundEvent, MessageEvent } from "@/lib/channels/types";
import { publishEvent } from "@/lib/realtime/bus";
import { advanceableFrom, type OutboundState } from "./delivery-state";
import { enqueueMessageNotifications } from "@/lib/notifications/enqueue";
import { enqueueMessageFollowUps, enqueueNewConversationFollowUps } from "./follow-ups";
import { applyContentEvent, recordReferral } from "@/lib/inbox/ingest-content";
import { wakeByMessage } from "@/lib/snooze/wake";
import { storeMessageWithConversation } from "./ingest-conversation";
import { FAILURE } from "./failure-reasons";
import { isUuid } from "@/lib/ids";


export type IngestSummary = { storedMessages: number; duplicateMessages: number; updatedDeliveries: number };

/**
 * Stores one webhook's events in one transaction: conversations found or created, messages
 * inserted at most once per provider id, delivery states moved forward, follow-up jobs and
 * live events queued with the data. A failure rolls all of it back and the provider retries.
 */
export async function ingestEvents(db: Executor, app: MessagingApp, events: InboundEvent[]): Promise<IngestSummary> {
  const summary: IngestSummary = { storedMessages: 0, duplicateMessages: 0, updatedDeliveries: 0 };
  if (events.length === 0) return summary;
  // Same-contact events keep their order; different contacts are locked in one global order,
  // so two batches touching the same conversations cannot deadlock.
  const ordered = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.contactId ?? "").localeCompare(b.event.contactId ?? "") || a.index - b.index)
    .map(({ event }) => event);

  await db.transaction((tx) =>
    // Jobs and live events of the whole webhook go out as one insert and one NOTIFY at its end.
    withBatchedWrites(tx, async () => {
      for (const event of ordered) {
        if (event.kind === "message") {
          const stored = await storeMessage(tx, app, event);
          if (stored) summary.storedMessages++;
          else summary.duplicateMessages++;
        } else if (event.kind === "delivery") {
          summary.updatedDeliveries += await applyDelivery(tx, app, event);
        } else {
          await applyContentEvent(tx, app, event);
        }
      }
    }),
  );
  return summary;
}

/**
 * The echo of a reply sent from this inbox names our message in its metadata: it only gives
 * that message its provider id, even when it arrives before the Send API's own answer.
 */
async function claimEchoOfOurReply(tx: Transaction, app: MessagingApp, event: MessageEvent): Promise<boolean> {
  if (event.direction !== "outbound" || !event.reference || !isUuid(event.reference)) return false;
  const confirmsUnknown = sql`(${messages.state} = 'failed' and ${messages.failureReason} = ${FAILURE.unknownOutcome})`;
  const [claimed] = await tx
    .update(messages)
    .set({
      providerMessageId: event.providerMessageId,
      // The echo proves Meta has the message: a send whose outcome we could not confirm was sent after all.
      state: sql`case when ${messages.state} = 'pending' or ${confirmsUnknown} then 'sent'::delivery_state else ${messages.state} end`,
      failureReason: sql`case when ${confirmsUnknown} then null else ${messages.failureReason} end`,
    })
    .where(and(eq(messages.id, event.reference), eq(messages.appId, app.id), isNull(messages.providerMessageId)))
    .returning();
  if (!claimed) return false;
  await publishEvent(tx, {
    type: "message.updated",
    workspaceId: claimed.workspaceId,
    appId: claimed.appId,
    conversationId: claimed.conversationId,
    messageId: claimed.id,
    deliveryState: claimed.state,
  });
  return true;
}

/** PostgreSQL text and jsonb cannot hold U+0000; a provider's stray NUL must not turn into a 500 and endless retries. */
function withoutNul(event: MessageEvent): MessageEvent {
  const clean = (value: string) => value.replaceAll("\u0000", "");
  return {
    ...event,
    text: clean(event.text),
    contactName: event.contactName === null ? null : clean(event.contactName) || null,
    attachments: event.attachments.map((attachment) => ({ ...attachment, url: clean(attachment.url) })),
  };
}

async function storeMessage(tx: Transaction, app: MessagingApp, raw: MessageEvent): Promise<boolean> {
  const event = withoutNul(raw);
  if (await claimEchoOfOurReply(tx, app, event)) return true;
  const now = new Date();
  const stored = await storeMessageWithConversation(tx, app, event, now);
  if (!stored) return false;
  const { conversation, message } = stored;
  const { isNew } = conversation;
  const scope = { workspaceId: app.workspaceId, appId: app.id, conversationId: conversation.id };
  if (!message) {
    // Lost a race for this provider id to another contact's delivery: no empty conversation left behind.
    if (isNew) await tx.delete(conversations).where(eq(conversations.id, conversation.id));
    return false;
  }

  const reopens = event.direction === "inbound" && conversation.status === "closed";
  const newName =
    event.contactName && !conversation.isContactNameLocked && event.contactName !== conversation.contactName ? event.contactName : null;
  if (reopens || newName) {
    await tx
      .update(conversations)
      .set({ ...(reopens ? { status: "open" as const } : {}), ...(newName ? { contactName: newName } : {}) })
      .where(eq(conversations.id, conversation.id));
  }
  if (reopens) {
    // spec §5: the assignee is kept; the conversation returns to the view its assignment says.
    await tx.insert(conversationActivities).values({ ...scope, kind: "reopened_by_message", occurredAt: now });
  }
  // spec §13: the customer writing ends a snooze early; its wake-up job then finds nothing to do.
  const wakes = event.direction === "inbound" && conversation.snoozedUntil !== null;
  if (wakes) await wakeByMessage(tx, { id: conversation.id, workspaceId: app.workspaceId, appId: app.id }, now);

  if (event.referral) await recordReferral(tx, scope, event.referral, event.occurredAt);
  if (isNew) await enqueueNewConversationFollowUps(tx, app, conversation.id);
  await enqueueMessageFollowUps(tx, message, { isLinked: conversation.isLinked });
  if (message.direction === "inbound") await enqueueMessageNotifications(tx, message, conversation.assigneeId);
  await publishEvent(
    tx,
    isNew
      ? { type: "conversation.created", ...scope }
      : {
          type: "conversation.updated",
          ...scope,
          changes: [
            ...(reopens ? (["status"] as const) : []),
            ...(wakes ? (["snooze"] as const) : []),
            "lastActivity",
            ...(newName ? (["contact"] as const) : []),
          ],
        },
  );
  await publishEvent(tx, { type: "message.created", ...scope, messageId: message.id });
  return true;
}

/** Moves outbound messages forward only (read stays read); a status for an unknown id stores nothing. */
async function applyDelivery(tx: Transaction, app: MessagingApp, event: DeliveryEvent): Promise<number> {
  const target = event.state as OutboundState;
  const fromStates = advanceableFrom(target);
  const byIds =
    event.providerMessageIds.length > 0 ? inArray(messages.providerMessageId, event.providerMessageIds) : undefined;
  const byWatermark =
    event.watermark && event.contactId
      ? and(
          lte(messages.occurredAt, event.watermark),
          isNotNull(messages.providerMessageId),
          inArray(
            messages.conversationId,
            tx
              .select({ id: conversations.id })
              .from(conversations)
              .where(
                and(
                  eq(conversations.appId, app.id),
                  eq(conversations.externalContactId, event.contactId),
                  isNull(conversations.deletedAt),
                ),
              ),
          ),
        )
      : undefined;
  if (!byIds && !byWatermark) return 0;

  const updated = await tx
    .update(messages)
    .set({ state: target, failureReason: target === "failed" ? event.failureReason : null })
    .where(
      and(
        eq(messages.appId, app.id),
        eq(messages.direction, "outbound"),
        inArray(messages.state, fromStates),
        byIds && byWatermark ? sql`(${byIds} or ${byWatermark})` : (byIds ?? byWatermark),
      ),
    )
    .returning({ id: messages.id, conversationId: messages.conversationId });
  for (const message of updated) {
    await publishEvent(tx, {
      type: "message.updated",
      workspaceId: app.workspaceId,
      appId: app.id,
      conversationId: message.conversationId,
      messageId: message.id,
      deliveryState: target,
    });
  }
  return updated.length;
}
