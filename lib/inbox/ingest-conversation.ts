import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import type { Conversation, Message, MessagingApp } from "@/db/schema";
import type { MessageEvent } from "@/lib/channels/types";
import { contentColumns, previewColumns } from "@/lib/inbox/ingest-content";

type ConversationStatus = Conversation["status"];

export type LockedConversation = {
  id: string;
  /** As it was before this message: the caller reopens a closed one. */
  status: ConversationStatus;
  assigneeId: string | null;
  contactName: string;
  /** Renamed by a user: the provider's name for the contact is not taken. */
  isContactNameLocked: boolean;
  isNew: boolean;
  /** Linked to a CRM record, so the message has history-note work to queue. */
  isLinked: boolean;
  /** As it was before this message: an inbound one wakes a snoozed conversation (spec §13). */
  snoozedUntil: Date | null;
};

/** What the follow-up jobs of a stored message need of it. */
export type StoredMessage = Pick<Message, "id" | "workspaceId" | "appId" | "conversationId" | "direction">;

export type IngestedMessage = { conversation: LockedConversation; message: StoredMessage | null };

/**
 * One round trip for what used to take five (issue 12): the live conversation with this
 * contact, created if none (deleted ones are never revived: the partial unique index only
 * covers live ones), locked for the rest of the transaction, its last-message fields moved to
 * this message unless a newer one is already there, whether it is linked, and the message row
 * itself. Nothing at all when the message was deleted with its conversation
 * (deleted_message_ids) or is already stored (a replay must not bump the conversation): both
 * answer null. `message` is null when another delivery stored the same provider id in between
 * (the unique index decides). Status and contact name are left to the caller, which needs their
 * old values. Two deliveries racing for a new contact meet on the unique index.
 */
export async function storeMessageWithConversation(
  tx: Transaction,
  app: MessagingApp,
  event: MessageEvent,
  now: Date,
): Promise<IngestedMessage | null> {
  const { lastMessagePreview: preview, lastMessageKind: kind } = previewColumns(event);
  const content = contentColumns(event);
  // Drizzle's postgres.js driver sends raw parameters as text: a Date must be given as ISO text.
  const at = now.toISOString();
  const notDeleted = sql`not exists (select 1 from deleted_message_ids d where d.app_id = ${app.id}::uuid and d.provider_message_id = ${event.providerMessageId}::text)`;
  const notStored = sql`not exists (select 1 from messages m where m.app_id = ${app.id}::uuid and m.provider_message_id = ${event.providerMessageId}::text)`;
  // The preview follows the message's own time, not commit order: deliveries of one contact
  // race (a later message can commit first), and the older one must not replace the preview.
  // A provider clock ahead of ours is capped at now, so it cannot pin the preview. Activity and
  // last_message_at (the unread mark, compared with read times) only move forward.
  const previewAt = (event.occurredAt.getTime() < now.getTime() ? event.occurredAt : now).toISOString();
  const isNewer = sql`(c.last_preview_at is null or excluded.last_preview_at >= c.last_preview_at)`;
  const [row] = await queryRows<{
    id: string;
    status: ConversationStatus;
    assignee_id: string | null;
    contact_name: string;
    contact_name_locked: boolean;
    snoozed_until: Date | string | null;
    is_new: boolean;
    is_linked: boolean;
    message_id: string | null;
  }>(
    tx,
    sql`
    with upserted as (
    insert into conversations as c
      (workspace_id, app_id, external_contact_id, contact_name, last_activity_at, last_message_at, last_message_preview, last_message_kind, last_preview_at,
       last_message_direction, last_message_author_id)
    select ${app.workspaceId}::uuid, ${app.id}::uuid, ${event.contactId}::text, ${event.contactName ?? event.contactId}::text,
      ${at}::timestamptz, ${at}::timestamptz, ${preview}::text, ${kind}::message_kind, ${previewAt}::timestamptz,
      ${event.direction}::message_direction, null
    where ${notDeleted} and ${notStored}
    on conflict (app_id, external_contact_id) where deleted_at is null do update
      set last_activity_at = greatest(c.last_activity_at, excluded.last_activity_at),
          last_message_at = greatest(c.last_message_at, excluded.last_message_at),
          last_message_preview = case when ${isNewer} then excluded.last_message_preview else c.last_message_preview end,
          last_message_kind = case when ${isNewer} then excluded.last_message_kind else c.last_message_kind end,
          -- A webhook's message has no user behind it: the contact's, or an echo the page sent from elsewhere.
          last_message_direction = case when ${isNewer} then excluded.last_message_direction else c.last_message_direction end,
          last_message_author_id = case when ${isNewer} then null else c.last_message_author_id end,
          last_preview_at = greatest(c.last_preview_at, excluded.last_preview_at)
      where ${notStored}
    returning c.id, c.status, c.assignee_id, c.contact_name, c.contact_name_locked, c.snoozed_until, (c.xmax = 0) as is_new,
      exists (select 1 from conversation_links l where l.conversation_id = c.id) as is_linked
    ),
    inserted as (
      insert into messages (workspace_id, app_id, conversation_id, direction, provider_message_id, text, attachments, kind, payload,
        reply_to_provider_message_id, state, occurred_at)
      select ${app.workspaceId}::uuid, ${app.id}::uuid, upserted.id, ${event.direction}::message_direction, ${event.providerMessageId}::text,
        ${event.text}::text, ${JSON.stringify(event.attachments)}::jsonb, ${content.kind}::message_kind,
        ${content.payload === null ? null : JSON.stringify(content.payload)}::jsonb, ${content.replyToProviderMessageId}::text,
        ${event.direction === "inbound" ? "received" : "sent"}::delivery_state, ${event.occurredAt.toISOString()}::timestamptz
      from upserted
      on conflict (app_id, provider_message_id) do nothing
      returning id
    )
    select upserted.*, inserted.id as message_id from upserted left join inserted on true`,
  );
  if (!row) return null;
  const conversation: LockedConversation = {
    id: row.id,
    status: row.status,
    assigneeId: row.assignee_id,
    contactName: row.contact_name,
    isContactNameLocked: row.contact_name_locked,
    isNew: row.is_new,
    isLinked: row.is_linked,
    // Raw results: postgres.js gives a Date, PGlite may give text.
    snoozedUntil: row.snoozed_until === null ? null : new Date(row.snoozed_until),
  };
  const scope = { workspaceId: app.workspaceId, appId: app.id, conversationId: row.id };
  return { conversation, message: row.message_id === null ? null : { id: row.message_id, ...scope, direction: event.direction } };
}
