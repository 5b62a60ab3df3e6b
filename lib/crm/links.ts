import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction, Executor } from "@/db/client";
import { conversationLinks, type Conversation } from "@/db/schema";
import { findAccessibleConversation, lockAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { isUuid } from "@/lib/ids";
import { recordActivity } from "@/lib/conversations/activities";
import { publishEvent } from "@/lib/realtime/bus";
import { ok, refuse, type Result } from "@/lib/result";
import { enqueueHistoryNote } from "./history-note-job";
import { RECORD_KINDS } from "./record-kinds";
import { findRecord, saveRecord, type RecordSummary } from "./records";
import { type RecordInput } from "./schemas";
import { RECORD_TYPES, type RecordType } from "@/lib/record-types";

export type LinkRefusal = "not_found" | "record_not_found" | "already_linked" | "already_in_state";
export type ConversationLinks = Record<RecordType, RecordSummary | null>;

async function lockLinkRow(tx: Transaction, conversationId: string, workspaceId: string) {
  await tx.insert(conversationLinks).values({ conversationId, workspaceId }).onConflictDoNothing();
  const [link] = await tx.select().from(conversationLinks).where(eq(conversationLinks.conversationId, conversationId)).for("update");
  return link!;
}

async function announce(tx: Transaction, conversation: { id: string; workspaceId: string; appId: string }) {
  await publishEvent(tx, {
    type: "conversation.updated",
    workspaceId: conversation.workspaceId,
    appId: conversation.appId,
    conversationId: conversation.id,
    changes: ["links"],
  });
}

/**
 * Links a record of the actor's workspace to a conversation they have access to, and queues
 * its history note. A second record of the same type is refused: the user unlinks the first
 * one explicitly (docs/decisions.md).
 */
export async function linkRecord(
  db: Executor,
  actor: AccessSubject & { userId: string },
  input: { conversationId: string; type: RecordType; recordId: string },
): Promise<Result<RecordSummary, LinkRefusal>> {
  return db.transaction((tx) => linkRecordIn(tx, actor, input));
}

/** `linkRecord` inside a transaction the caller already holds. */
async function linkRecordIn(
  tx: Transaction,
  actor: AccessSubject & { userId: string },
  input: { conversationId: string; type: RecordType; recordId: string },
): Promise<Result<RecordSummary, LinkRefusal>> {
  const found = await lockAccessibleConversation(tx, actor, input.conversationId);
  if (!found) return refuse("not_found");
  const record = await findRecord(tx, actor, input.type, input.recordId);
  if (!record) return refuse("record_not_found");
  const link = await lockLinkRow(tx, found.conversation.id, found.conversation.workspaceId);
  const { column, noteStartedColumn } = RECORD_KINDS[input.type];
  if (link[column] === record.id) return refuse("already_in_state");
  if (link[column]) return refuse("already_linked");
  await tx
    .update(conversationLinks)
    .set({ [column]: record.id, [noteStartedColumn]: null })
    .where(eq(conversationLinks.conversationId, found.conversation.id));
  await recordActivity(tx, {
    workspaceId: found.conversation.workspaceId,
    conversationId: found.conversation.id,
    kind: "linked",
    actorId: actor.userId,
    detail: { record: record.label, recordType: input.type },
  });
  await enqueueHistoryNote(
    tx,
    { conversationId: found.conversation.id, recordType: input.type, recordId: record.id, messageId: null },
    { workspaceId: found.conversation.workspaceId },
  );
  await announce(tx, found.conversation);
  return ok(record);
}

/** Unlinking keeps the notes already written on the record (spec §7). */
export async function unlinkRecord(
  db: Executor,
  actor: AccessSubject & { userId: string },
  input: { conversationId: string; type: RecordType },
): Promise<Result<null, LinkRefusal>> {
  return db.transaction(async (tx) => {
    const found = await lockAccessibleConversation(tx, actor, input.conversationId);
    if (!found) return refuse("not_found");
    const link = await lockLinkRow(tx, found.conversation.id, found.conversation.workspaceId);
    const { column } = RECORD_KINDS[input.type];
    const recordId = link[column];
    if (!recordId) return refuse("already_in_state");
    const record = await findRecord(tx, actor, input.type, recordId);
    await tx.update(conversationLinks).set({ [column]: null }).where(eq(conversationLinks.conversationId, found.conversation.id));
    await recordActivity(tx, {
      workspaceId: found.conversation.workspaceId,
      conversationId: found.conversation.id,
      kind: "unlinked",
      actorId: actor.userId,
      detail: { record: record?.label ?? "", recordType: input.type },
    });
    await announce(tx, found.conversation);
    return ok(null);
  });
}

export async function getConversationLinks(db: Executor, subject: AccessSubject, conversationId: string): Promise<ConversationLinks> {
  const [link] = await db.select().from(conversationLinks).where(eq(conversationLinks.conversationId, conversationId));
  const links = {} as ConversationLinks;
  for (const type of RECORD_TYPES) {
    const id = link?.[RECORD_KINDS[type].column];
    links[type] = id ? await findRecord(db, subject, type, id) : null;
  }
  return links;
}

type NewRecord = { [K in RecordType]: { type: K; input: RecordInput<K> } }[RecordType];

/**
 * Create from the conversation's panel: every check a link makes runs before the record is
 * created, so a refusal leaves no orphan record behind.
 */
export async function createAndLinkRecord(
  db: Executor,
  actor: AccessSubject & { userId: string },
  conversationId: string,
  record: NewRecord,
): Promise<Result<RecordSummary, LinkRefusal | "invalid_person">> {
  return db.transaction(async (tx) => {
    const found = await lockAccessibleConversation(tx, actor, conversationId);
    if (!found) return refuse("not_found");
    const link = await lockLinkRow(tx, found.conversation.id, found.conversation.workspaceId);
    if (link[RECORD_KINDS[record.type].column]) return refuse("already_linked");
    const created = await saveRecord(tx, actor, record.type, record.input);
    if (!created.ok) return created;
    return linkRecordIn(tx, actor, { conversationId, type: record.type, recordId: created.value.id });
  });
}

export type LinkedConversation = { id: string; contactName: string; appName: string; status: Conversation["status"] };

/** The conversations linked to a record that this user may open (others' apps stay hidden). */
export async function listLinkedConversations(db: Executor, subject: AccessSubject, type: RecordType, recordId: string): Promise<LinkedConversation[]> {
  if (!isUuid(recordId)) return [];
  const column = conversationLinks[RECORD_KINDS[type].column];
  const links = await db
    .select({ conversationId: conversationLinks.conversationId })
    .from(conversationLinks)
    .where(and(eq(column, recordId), eq(conversationLinks.workspaceId, subject.workspaceId)));
  const visible = await Promise.all(links.map((link) => findAccessibleConversation(db, subject, link.conversationId)));
  return visible
    .filter((found) => found !== null)
    .map(({ conversation, app }) => ({ id: conversation.id, contactName: conversation.contactName, appName: app.name, status: conversation.status }));
}
