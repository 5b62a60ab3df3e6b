import "server-only";
import { cache } from "react";
import type { Executor } from "@/db/client";
import type { AccessSubject } from "@/lib/apps/access";
import { listLinkedConversations, type LinkedConversation } from "./links";
import { listNotes, type NotesPage } from "./notes";
import { RECORD_KINDS, type RecordRow } from "./record-kinds";
import { findRecord, getRecord, type RecordSummary } from "./records";
import type { RecordType } from "@/lib/record-types";

type LoadedRecordOf<K extends RecordType> = { type: K; row: RecordRow<K>; label: string; person: RecordSummary | null };
/** A record with what its page shows beside its own fields, told apart by `type`. */
export type LoadedRecord = { [K in RecordType]: LoadedRecordOf<K> }[RecordType];

/**
 * The record of this workspace and the person it points to, or null: unknown, malformed and
 * other workspaces' ids alike. Cached per request: the page's title asks for it too.
 */
export const loadRecord = cache(async <K extends RecordType>(db: Executor, subject: AccessSubject, type: K, id: string): Promise<LoadedRecordOf<K> | null> => {
  const row = await getRecord(db, subject, type, id);
  if (!row) return null;
  const personId = "personId" in row ? row.personId : null;
  const person = personId ? await findRecord(db, subject, "person", personId) : null;
  return { type, row, label: RECORD_KINDS[type].labelOf(row), person };
});

export type RecordDetail = {
  /** As the URL has it: the notes' and the actions' paths keep its spelling. */
  id: string;
  record: LoadedRecord;
  notes: NotesPage;
  isFirstNotesPage: boolean;
  conversations: LinkedConversation[];
};

/** `/persons/{id}`, `/leads/{id}`, `/deals/{id}`: the record, a page of its notes and its conversations. */
export async function loadRecordDetail(
  db: Executor,
  subject: AccessSubject,
  type: RecordType,
  id: string,
  notesBefore: string | null,
): Promise<RecordDetail | null> {
  const record = await loadRecord(db, subject, type, id);
  if (!record) return null;
  const [notes, conversations] = await Promise.all([listNotes(db, subject, type, id, notesBefore), listLinkedConversations(db, subject, type, id)]);
  // `type` and `row` agree, which TypeScript cannot follow through a union of kinds.
  return { id, record: record as LoadedRecord, notes, isFirstNotesPage: !notesBefore, conversations };
}
