import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/index";
import { notes, users, type Note } from "@/db/schema";
import type { AccessSubject } from "@/lib/inbox/access";
import { isUuid } from "@/lib/inbox/views";
import { ok, refuse, type Result } from "@/lib/result";
import { RECORD_COLUMN } from "./history-notes";
import { findRecord } from "./records";
import type { RecordType } from "./schemas";

const noteColumn = { person: notes.personId, lead: notes.leadId, deal: notes.dealId };

export type NoteWithAuthor = Note & { authorName: string | null };

/** The record's notes feed, newest first. */
export async function listNotes(subject: AccessSubject, type: RecordType, recordId: string): Promise<NoteWithAuthor[]> {
  if (!isUuid(recordId)) return [];
  const db = await getDb();
  const rows = await db
    .select({ note: notes, authorName: users.name })
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorId))
    .where(and(eq(noteColumn[type], recordId), eq(notes.workspaceId, subject.workspaceId)))
    .orderBy(desc(notes.updatedAt), desc(notes.id));
  return rows.map((row) => ({ ...row.note, authorName: row.authorName }));
}

export async function addNote(
  actor: AccessSubject,
  input: { type: RecordType; recordId: string; body: string },
): Promise<Result<{ id: string }, "not_found">> {
  const db = await getDb();
  const record = await findRecord(db, actor, input.type, input.recordId);
  if (!record) return refuse("not_found");
  const [note] = await db
    .insert(notes)
    .values({ workspaceId: actor.workspaceId, [RECORD_COLUMN[input.type]]: record.id, body: input.body, authorId: actor.userId })
    .returning({ id: notes.id });
  return ok({ id: note!.id });
}

/**
 * Editing a history note makes it the editor's own text: it is marked edited and the next
 * message of the conversation starts a new note instead of touching it (spec §7).
 */
export async function editNote(actor: AccessSubject, input: { noteId: string; body: string }): Promise<Result<{ id: string }, "not_found">> {
  if (!isUuid(input.noteId)) return refuse("not_found");
  const db = await getDb();
  const now = new Date();
  const [note] = await db
    .update(notes)
    .set({ kind: "manual", body: input.body, editedAt: now, updatedAt: now })
    .where(and(eq(notes.id, input.noteId), eq(notes.workspaceId, actor.workspaceId)))
    .returning({ id: notes.id });
  return note ? ok(note) : refuse("not_found");
}

export async function deleteNote(actor: AccessSubject, noteId: string): Promise<Result<{ id: string }, "not_found">> {
  if (!isUuid(noteId)) return refuse("not_found");
  const db = await getDb();
  const [note] = await db
    .delete(notes)
    .where(and(eq(notes.id, noteId), eq(notes.workspaceId, actor.workspaceId)))
    .returning({ id: notes.id });
  return note ? ok(note) : refuse("not_found");
}
