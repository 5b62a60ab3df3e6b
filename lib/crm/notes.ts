import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { notes, users, type Note } from "@/db/schema";
import type { AccessSubject } from "@/lib/apps/access";
import { isUuid } from "@/lib/ids";
import { decodeCursor, encodeCursor } from "@/lib/keyset-cursor";
import { ok, refuse, type Result } from "@/lib/result";
import { RECORD_KINDS } from "./record-kinds";
import { findRecord } from "./records";
import type { RecordType } from "@/lib/record-types";

export type NoteWithAuthor = Note & { authorName: string | null };

/** Notes a record's page shows at once; "Show older notes" pages on (spec'd bound, issue 9). */
export const NOTES_PAGE_SIZE = 20;

export type NotesPage = { notes: NoteWithAuthor[]; olderCursor: string | null };

/**
 * One page of the record's notes feed, newest (last changed) first, before the opaque cursor
 * `before` (a malformed one shows the first page). Times are compared at millisecond precision,
 * the cursor's, so notes written within one millisecond are never split across pages and lost.
 */
export async function listNotes(db: Executor, subject: AccessSubject, type: RecordType, recordId: string, before?: string | null): Promise<NotesPage> {
  if (!isUuid(recordId)) return { notes: [], olderCursor: null };
  const cursor = decodeCursor(before);
  const changedAt = sql`date_trunc('milliseconds', ${notes.updatedAt})`;
  const rows = await db
    .select({ note: notes, authorName: users.name })
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorId))
    .where(
      and(
        eq(notes[RECORD_KINDS[type].column], recordId),
        eq(notes.workspaceId, subject.workspaceId),
        cursor ? sql`(${changedAt}, ${notes.id}) < (${cursor.lastActivityAt.toISOString()}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(changedAt), desc(notes.id))
    .limit(NOTES_PAGE_SIZE + 1);
  const page = rows.slice(0, NOTES_PAGE_SIZE).map((row) => ({ ...row.note, authorName: row.authorName }));
  const last = page.at(-1);
  const olderCursor =
    rows.length > NOTES_PAGE_SIZE && last
      ? encodeCursor({ lastActivityAt: last.updatedAt, id: last.id })
      : null;
  return { notes: page, olderCursor };
}

export async function addNote(
  db: Executor,
  actor: AccessSubject,
  input: { type: RecordType; recordId: string; body: string },
): Promise<Result<{ id: string }, "not_found">> {
  const record = await findRecord(db, actor, input.type, input.recordId);
  if (!record) return refuse("not_found");
  const [note] = await db
    .insert(notes)
    .values({ workspaceId: actor.workspaceId, [RECORD_KINDS[input.type].column]: record.id, body: input.body, authorId: actor.userId })
    .returning({ id: notes.id });
  return ok({ id: note!.id });
}

/**
 * Editing a history note makes it the editor's own text: it is marked edited and the next
 * message of the conversation starts a new note instead of touching it (spec §7).
 */
export async function editNote(db: Executor, actor: AccessSubject, input: { noteId: string; body: string }): Promise<Result<{ id: string }, "not_found">> {
  if (!isUuid(input.noteId)) return refuse("not_found");
  const now = new Date();
  const [note] = await db
    .update(notes)
    .set({ kind: "manual", body: input.body, editedAt: now, updatedAt: now })
    .where(and(eq(notes.id, input.noteId), eq(notes.workspaceId, actor.workspaceId)))
    .returning({ id: notes.id });
  return note ? ok(note) : refuse("not_found");
}

export async function deleteNote(db: Executor, actor: AccessSubject, noteId: string): Promise<Result<{ id: string }, "not_found">> {
  if (!isUuid(noteId)) return refuse("not_found");
  const [note] = await db
    .delete(notes)
    .where(and(eq(notes.id, noteId), eq(notes.workspaceId, actor.workspaceId)))
    .returning({ id: notes.id });
  return note ? ok(note) : refuse("not_found");
}
