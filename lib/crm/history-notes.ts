import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { conversationLinks, notes, type HistoryContent, type HistoryEntry } from "@/db/schema";
import { getConversationSummary, historyEntryFor, latestHistoryEntries } from "@/lib/conversations/history-source";
import { joinsCurrentNote } from "./note-window";
import { RECORD_KINDS } from "./record-kinds";
import type { RecordType } from "@/lib/record-types";

/** How many of the latest messages a note made on linking holds. */
export const LINK_NOTE_MESSAGES = 20;

export type HistoryNoteJob = { conversationId: string; recordType: RecordType; recordId: string; messageId: string | null };

/**
 * Writes one message (or, on linking, the latest messages) into the record's history note.
 * Runs with the conversation's link row locked, so a burst of messages on one conversation
 * never makes two current notes for one record.
 */
export async function applyHistoryNote(tx: Transaction, job: HistoryNoteJob): Promise<void> {
  const [link] = await tx
    .select()
    .from(conversationLinks)
    .where(eq(conversationLinks.conversationId, job.conversationId))
    .for("update");
  const { column, noteStartedColumn: startedColumn } = RECORD_KINDS[job.recordType];
  if (!link || link[column] !== job.recordId) return;
  const summary = await getConversationSummary(tx, job.conversationId);
  if (!summary) return;

  const header = {
    conversationId: summary.id,
    contactName: summary.contactName,
    appName: summary.appName,
    assigneeName: summary.assigneeName,
    status: summary.status,
  };
  const createNote = async (entries: HistoryEntry[], windowStartAt: Date) => {
    await tx.insert(notes).values({
      workspaceId: summary.workspaceId,
      [column]: job.recordId,
      kind: "history",
      history: { ...header, entries } satisfies HistoryContent,
      conversationId: summary.id,
      windowStartAt,
    });
  };

  if (!job.messageId) {
    if (link[startedColumn]) return;
    const now = new Date();
    await createNote(await latestHistoryEntries(tx, summary.id, summary.contactName, LINK_NOTE_MESSAGES), now);
    await tx.update(conversationLinks).set({ [startedColumn]: now }).where(eq(conversationLinks.conversationId, job.conversationId));
    return;
  }
  // The linking note is still to be written and will hold this message.
  if (!link[startedColumn]) return;
  const entry = await historyEntryFor(tx, job.messageId, summary.contactName);
  if (!entry) return;
  // The newest note this conversation wrote on the record, whoever touched it since.
  const [current] = await tx
    .select()
    .from(notes)
    .where(and(eq(notes.conversationId, summary.id), eq(notes[column], job.recordId)))
    .orderBy(desc(notes.createdAt), desc(notes.id))
    .limit(1);
  if (current?.history?.entries.some((existing) => existing.messageId === entry.messageId)) return;

  const messageAt = new Date(entry.at);
  const isCurrent = current && current.kind === "history" && current.windowStartAt && current.history;
  if (isCurrent && joinsCurrentNote({ windowStartAt: current.windowStartAt!, editedAt: current.editedAt }, messageAt)) {
    const entries = [...current.history!.entries, entry].sort((a, b) => a.at.localeCompare(b.at));
    await tx
      .update(notes)
      .set({ history: { ...header, entries }, updatedAt: new Date() })
      .where(eq(notes.id, current.id));
    return;
  }
  await createNote([entry], messageAt);
}
