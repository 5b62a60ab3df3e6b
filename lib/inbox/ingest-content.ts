import "server-only";
import { and, eq, isNull, not, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { conversationActivities, conversations, messages, type MessagingApp } from "@/db/schema";
import type { ContentEvent, MessageEvent, Referral } from "@/lib/channels/types";
import { publishEvent } from "@/lib/realtime/bus";
import { messagePreview } from "@/lib/content/message-preview";
import { placeOf, TEXT_CONTENT, toColumns, type MessageContent } from "@/db/message-content";

/*
 * The parts of storing a webhook that are about what a message holds (SPEC §14), kept out of
 * lib/inbox/ingest-events.ts so that transaction stays about conversations and ordering.
 */

/** PostgreSQL text and jsonb cannot hold U+0000: a provider's stray NUL must not become a 500. */
const clean = (value: string) => value.replaceAll("\u0000", "");

function cleanContent(content: MessageContent): MessageContent {
  return JSON.parse(JSON.stringify(content, (_key, value) => (typeof value === "string" ? clean(value) : value)));
}

/** The message row's content columns. */
export function contentColumns(event: MessageEvent) {
  const { kind, payload } = toColumns(cleanContent(event.content ?? TEXT_CONTENT));
  return {
    kind,
    payload: Object.keys(payload).length > 0 ? payload : null,
    replyToProviderMessageId: event.replyTo ? clean(event.replyTo) : null,
  };
}

/**
 * The conversation's preview line: the text, else the words of a location or template. The
 * list words them in the reader's language from `lastMessageKind` (lib/content/describe-content.ts).
 */
export function previewColumns(event: MessageEvent) {
  const content = event.content ?? TEXT_CONTENT;
  const words =
    content.kind === "location" ? placeOf(content) : content.kind === "template" ? (content.title ?? "") : content.kind === "contact" ? (content.name ?? "") : "";
  return { lastMessagePreview: messagePreview(clean(event.text) || clean(words)), lastMessageKind: content.kind };
}

type Scope = { workspaceId: string; appId: string; conversationId: string };

/** "Came from: …" as an activity line, at the time of the message it came with (it sorts above it). */
export async function recordReferral(tx: Transaction, scope: Scope, referral: Referral, at: Date): Promise<void> {
  const detail: Record<string, string> = { source: clean(referral.source).slice(0, 500) };
  if (referral.url) detail.url = clean(referral.url);
  await tx.insert(conversationActivities).values({ workspaceId: scope.workspaceId, conversationId: scope.conversationId, kind: "referral", detail, occurredAt: at });
}

async function liveConversation(tx: Transaction, app: MessagingApp, contactId: string) {
  const [row] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.appId, app.id), eq(conversations.externalContactId, contactId), isNull(conversations.deletedAt)))
    .limit(1);
  return row ?? null;
}

/** An edit of the conversation's newest message is what the list's preview line shows from now on. */
async function refreshPreviewAfterEdit(tx: Transaction, conversationId: string, edited: { id: string; occurredAt: Date; text: string }) {
  const newer = sql`exists (select 1 from ${messages} where ${messages.conversationId} = ${conversationId}
    and (${messages.occurredAt}, ${messages.id}) > (${edited.occurredAt.toISOString()}::timestamptz, ${edited.id}::uuid))`;
  const updated = await tx
    .update(conversations)
    .set({ lastMessagePreview: messagePreview(edited.text) })
    .where(and(eq(conversations.id, conversationId), not(newer)))
    .returning({ id: conversations.id });
  return updated.length > 0;
}

/**
 * Reactions and edits change a stored message of the contact's conversation; a referral adds
 * its line to the contact's conversation. Anything about a message or conversation we do not
 * have stores nothing (the provider still gets its 200). Returns how many rows changed.
 */
export async function applyContentEvent(tx: Transaction, app: MessagingApp, event: ContentEvent): Promise<number> {
  const conversation = await liveConversation(tx, app, event.contactId);
  if (!conversation) return 0;
  const scope = { workspaceId: app.workspaceId, appId: app.id, conversationId: conversation.id };
  if (event.kind === "referral") {
    await recordReferral(tx, scope, event.referral, event.occurredAt);
    await publishEvent(tx, { type: "conversation.updated", ...scope, changes: ["lastActivity"] });
    return 1;
  }
  const ofThisContact = and(
    eq(messages.appId, app.id),
    eq(messages.conversationId, conversation.id),
    eq(messages.providerMessageId, clean(event.providerMessageId)),
  );
  const [changed] = await tx
    .update(messages)
    .set(
      event.kind === "reaction"
        ? { reaction: event.emoji === null ? null : clean(event.emoji) }
        // Only what the contact wrote can be edited by the contact.
        : { text: clean(event.text), editedAt: new Date() },
    )
    .where(event.kind === "edit" ? and(ofThisContact, eq(messages.direction, "inbound")) : ofThisContact)
    .returning({ id: messages.id, state: messages.state, occurredAt: messages.occurredAt, text: messages.text });
  if (!changed) return 0;
  await publishEvent(tx, { type: "message.updated", ...scope, messageId: changed.id, deliveryState: changed.state });
  if (event.kind === "edit" && (await refreshPreviewAfterEdit(tx, conversation.id, changed))) {
    await publishEvent(tx, { type: "conversation.updated", ...scope, changes: ["lastActivity"] });
  }
  return 1;
}
