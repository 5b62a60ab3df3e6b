import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction, Executor } from "@/db/client";
import { conversationLinks } from "@/db/schema";
import { findAccessibleConversation, lockAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { isUuid } from "@/lib/ids";
import { recordActivity } from "@/lib/conversations/activities";
import { publishEvent } from "@/lib/realtime/bus";
import { ok, refuse, type Result } from "@/lib/result";
import { NOTE_STARTED_COLUMN, RECORD_COLUMN } from "./history-notes";
import { enqueueHistoryNote } from "./jobs/history-note";
import { findRecord, saveDeal, saveLead, savePerson, type RecordSummary } from "./records";
import type { DealInput, LeadInput, PersonInput, RecordType } from "./schemas";

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
  const column = RECORD_COLUMN[input.type];
  if (link[column] === record.id) return refuse("already_in_state");
  if (link[column]) return refuse("already_linked");
  await tx
    .update(conversationLinks)
    .set({ [column]: record.id, [NOTE_STARTED_COLUMN[input.type]]: null })
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
    const column = RECORD_COLUMN[input.type];
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
  const summary = async (type: RecordType) => {
    const id = link?.[RECORD_COLUMN[type]];
    return id ? findRecord(db, subject, type, id) : null;
  };
  return { person: await summary("person"), lead: await summary("lead"), deal: await summary("deal") };
}

type NewRecord =
  | { type: "person"; input: PersonInput }
  | { type: "lead"; input: LeadInput }
  | { type: "deal"; input: DealInput };

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
    if (link[RECORD_COLUMN[record.type]]) return refuse("already_linked");
    const created =
      record.type === "person"
        ? await savePerson(tx, actor, record.input)
        : record.type === "lead"
          ? await saveLead(tx, actor, record.input)
          : await saveDeal(tx, actor, record.input);
    if (!created.ok) return created;
    return linkRecordIn(tx, actor, { conversationId, type: record.type, recordId: created.value.id });
  });
}

export type LinkedConversation = { id: string; contactName: string; appName: string; status: "open" | "closed" };

/** The conversations linked to a record that this user may open (others' apps stay hidden). */
export async function listLinkedConversations(db: Executor, subject: AccessSubject, type: RecordType, recordId: string): Promise<LinkedConversation[]> {
  if (!isUuid(recordId)) return [];
  const column = { person: conversationLinks.personId, lead: conversationLinks.leadId, deal: conversationLinks.dealId }[type];
  const links = await db
    .select({ conversationId: conversationLinks.conversationId })
    .from(conversationLinks)
    .where(and(eq(column, recordId), eq(conversationLinks.workspaceId, subject.workspaceId)));
  const visible = await Promise.all(links.map((link) => findAccessibleConversation(db, subject, link.conversationId)));
  return visible
    .filter((found) => found !== null)
    .map(({ conversation, app }) => ({ id: conversation.id, contactName: conversation.contactName, appName: app.name, status: conversation.status }));
}
