import "server-only";
import { and, asc, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { persons } from "@/db/schema";
import type { AccessSubject } from "@/lib/apps/access";
import { isUuid } from "@/lib/ids";
import { ok, refuse, type Result } from "@/lib/result";
import { RECORD_KINDS, type RecordRow, type RecordTable } from "./record-kinds";
import type { RecordInput } from "./schemas";
import type { RecordType } from "@/lib/record-types";

type PersonInput = RecordInput<"person">;

export const CRM_PAGE_SIZE = 25;

export type RecordSummary = { id: string; type: RecordType; label: string };

type Cursor = { label: string; id: string };

export function encodeRecordCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.label, cursor.id])).toString("base64url");
}

export function decodeRecordCursor(value: string | null | undefined): Cursor | null {
  if (!value || value.length > 1000) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [label, id] = parsed;
    return typeof label === "string" && typeof id === "string" && isUuid(id) ? { label, id } : null;
  } catch {
    return null;
  }
}

function escapeLike(query: string): string {
  return query.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * Alphabetical, searched by name/title, paged by keyset on (label, id). Every user of a
 * workspace may see and change its CRM records (docs/decisions.md); the workspace is the only
 * boundary, taken from the actor, never from the client.
 */
export async function listRecords<K extends RecordType>(
  db: Executor,
  subject: AccessSubject,
  type: K,
  options: { query?: string | null; after?: Cursor | null; limit?: number } = {},
): Promise<{ rows: RecordRow<K>[]; nextCursor: string | null }> {
  const kind = RECORD_KINDS[type];
  const table: RecordTable = kind.table;
  const { label } = kind;
  const limit = options.limit ?? CRM_PAGE_SIZE;
  const filters: (SQL | undefined)[] = [
    eq(table.workspaceId, subject.workspaceId),
    options.query?.trim() ? ilike(label, `%${escapeLike(options.query.trim())}%`) : undefined,
    options.after ? sql`(${label}, ${table.id}) > (${options.after.label}, ${options.after.id}::uuid)` : undefined,
  ];
  const rows = (await db
    .select()
    .from(table)
    .where(and(...filters))
    .orderBy(asc(label), asc(table.id))
    .limit(limit + 1)) as RecordRow<K>[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeRecordCursor({ label: kind.labelOf(last), id: last.id }) : null;
  return { rows: page, nextCursor };
}

export async function searchRecords(db: Executor, subject: AccessSubject, type: RecordType, query: string): Promise<RecordSummary[]> {
  const { rows } = await listRecords(db, subject, type, { query, limit: 8 });
  return rows.map((row) => summaryOf(type, row));
}

function summaryOf<K extends RecordType>(type: K, row: RecordRow<K>): RecordSummary {
  return { id: row.id, type, label: RECORD_KINDS[type].labelOf(row) };
}

export async function getRecord<K extends RecordType>(db: Executor, subject: AccessSubject, type: K, id: string): Promise<RecordRow<K> | null> {
  if (!isUuid(id)) return null;
  const table: RecordTable = RECORD_KINDS[type].table;
  const [row] = await db.select().from(table).where(and(eq(table.id, id), eq(table.workspaceId, subject.workspaceId)));
  return (row as RecordRow<K> | undefined) ?? null;
}

/** Leads and deals point to a person: the one record read by its kind's own name. */
export const getPerson = (db: Executor, subject: AccessSubject, id: string) => getRecord(db, subject, "person", id);

/** The record's display label within the subject's workspace, or null: unknown, deleted and foreign alike. */
export async function findRecord(db: Executor, subject: AccessSubject, type: RecordType, id: string): Promise<RecordSummary | null> {
  const row = await getRecord(db, subject, type, id);
  return row ? summaryOf(type, row) : null;
}

type SaveRefusal = "not_found" | "invalid_person";

/** A lead's or deal's person must be one of the workspace's; a person points to no one. */
async function checkPerson(db: Executor, subject: AccessSubject, input: RecordInput): Promise<boolean> {
  return !("personId" in input) || input.personId === null || (await getPerson(db, subject, input.personId)) !== null;
}

/** Creates the record, or with `id` changes it. */
export async function saveRecord<K extends RecordType>(
  db: Executor,
  subject: AccessSubject,
  type: K,
  input: RecordInput<K>,
  id?: string,
): Promise<Result<{ id: string }, SaveRefusal>> {
  if (!(await checkPerson(db, subject, input))) return refuse("invalid_person");
  // The kinds' tables differ, so drizzle cannot type a value for "one of them"; the schema typed it.
  const table = RECORD_KINDS[type].table as typeof persons;
  const values = input as PersonInput;
  if (!id) {
    const [row] = await db.insert(table).values({ workspaceId: subject.workspaceId, ...values }).returning({ id: table.id });
    return ok({ id: row!.id });
  }
  const updated = await db
    .update(table)
    .set(values)
    .where(and(eq(table.id, id), eq(table.workspaceId, subject.workspaceId)))
    .returning({ id: table.id });
  return updated[0] ? ok(updated[0]) : refuse("not_found");
}

/** Deleting a record deletes its notes and unlinks it from conversations (foreign keys). */
export async function deleteRecord(db: Executor, subject: AccessSubject, type: RecordType, id: string): Promise<Result<{ id: string }, "not_found">> {
  if (!isUuid(id)) return refuse("not_found");
  const { table } = RECORD_KINDS[type];
  const deleted = await db
    .delete(table)
    .where(and(eq(table.id, id), eq(table.workspaceId, subject.workspaceId)))
    .returning({ id: table.id });
  return deleted[0] ? ok(deleted[0]) : refuse("not_found");
}

/** Names of the persons a page of leads or deals points to, in one query. */
export async function getPersonNames(db: Executor, subject: AccessSubject, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter(isUuid);
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: persons.id, name: persons.name })
    .from(persons)
    .where(and(inArray(persons.id, unique), eq(persons.workspaceId, subject.workspaceId)));
  return new Map(rows.map((row) => [row.id, row.name]));
}
