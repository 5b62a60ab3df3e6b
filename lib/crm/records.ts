import "server-only";
import { and, asc, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { deals, leads, persons } from "@/db/schema";
import type { AccessSubject } from "@/lib/apps/access";
import { isUuid } from "@/lib/ids";
import { ok, refuse, type Result } from "@/lib/result";
import type { DealInput, LeadInput, PersonInput, RecordType } from "./schemas";

/**
 * Every user of a workspace may see and change its CRM records (docs/decisions.md); the
 * workspace is the only boundary, taken from the actor, never from the client.
 */
export const RECORD_TABLES = {
  person: { table: persons, label: persons.name },
  lead: { table: leads, label: leads.title },
  deal: { table: deals, label: deals.title },
} as const;

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

/** Alphabetical, searched by name/title, paged by keyset on (label, id). */
export async function listRecords(
  db: Executor,
  subject: AccessSubject,
  type: RecordType,
  options: { query?: string | null; after?: Cursor | null; limit?: number } = {},
) {
  const { table, label } = RECORD_TABLES[type];
  const limit = options.limit ?? CRM_PAGE_SIZE;
  const filters: (SQL | undefined)[] = [
    eq(table.workspaceId, subject.workspaceId),
    options.query?.trim() ? ilike(label, `%${escapeLike(options.query.trim())}%`) : undefined,
    options.after ? sql`(${label}, ${table.id}) > (${options.after.label}, ${options.after.id}::uuid)` : undefined,
  ];
  const rows = await db
    .select()
    .from(table)
    .where(and(...filters))
    .orderBy(asc(label), asc(table.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1) as { id: string; name?: string; title?: string } | undefined;
  const nextCursor =
    rows.length > limit && last ? encodeRecordCursor({ label: (last.name ?? last.title)!, id: last.id }) : null;
  return { rows: page, nextCursor };
}

export async function searchRecords(db: Executor, subject: AccessSubject, type: RecordType, query: string): Promise<RecordSummary[]> {
  const { rows } = await listRecords(db, subject, type, { query, limit: 8 });
  return rows.map((row) => ({ id: row.id, type, label: "name" in row ? row.name : row.title }));
}

export async function getPerson(db: Executor, subject: AccessSubject, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(persons).where(and(eq(persons.id, id), eq(persons.workspaceId, subject.workspaceId)));
  return row ?? null;
}
export async function getLead(db: Executor, subject: AccessSubject, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(leads).where(and(eq(leads.id, id), eq(leads.workspaceId, subject.workspaceId)));
  return row ?? null;
}
export async function getDeal(db: Executor, subject: AccessSubject, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(deals).where(and(eq(deals.id, id), eq(deals.workspaceId, subject.workspaceId)));
  return row ?? null;
}

/** The record's display label within the subject's workspace, or null: unknown, deleted and foreign alike. */
export async function findRecord(db: Executor, subject: AccessSubject, type: RecordType, id: string): Promise<RecordSummary | null> {
  const row = type === "person" ? await getPerson(db, subject, id) : type === "lead" ? await getLead(db, subject, id) : await getDeal(db, subject, id);
  if (!row) return null;
  return { id: row.id, type, label: "name" in row ? row.name : row.title };
}

type SaveRefusal = "not_found" | "invalid_person";

async function checkPerson(db: Executor, subject: AccessSubject, personId: string | null): Promise<boolean> {
  return personId === null || (await getPerson(db, subject, personId)) !== null;
}

export async function savePerson(db: Executor, subject: AccessSubject, input: PersonInput, id?: string): Promise<Result<{ id: string }, SaveRefusal>> {
  if (!id) {
    const [row] = await db.insert(persons).values({ workspaceId: subject.workspaceId, ...input }).returning({ id: persons.id });
    return ok({ id: row!.id });
  }
  const updated = await db
    .update(persons)
    .set(input)
    .where(and(eq(persons.id, id), eq(persons.workspaceId, subject.workspaceId)))
    .returning({ id: persons.id });
  return updated[0] ? ok(updated[0]) : refuse("not_found");
}

export async function saveLead(db: Executor, subject: AccessSubject, input: LeadInput, id?: string): Promise<Result<{ id: string }, SaveRefusal>> {
  if (!(await checkPerson(db, subject, input.personId))) return refuse("invalid_person");
  if (!id) {
    const [row] = await db.insert(leads).values({ workspaceId: subject.workspaceId, ...input }).returning({ id: leads.id });
    return ok({ id: row!.id });
  }
  const updated = await db
    .update(leads)
    .set(input)
    .where(and(eq(leads.id, id), eq(leads.workspaceId, subject.workspaceId)))
    .returning({ id: leads.id });
  return updated[0] ? ok(updated[0]) : refuse("not_found");
}

export async function saveDeal(db: Executor, subject: AccessSubject, input: DealInput, id?: string): Promise<Result<{ id: string }, SaveRefusal>> {
  if (!(await checkPerson(db, subject, input.personId))) return refuse("invalid_person");
  if (!id) {
    const [row] = await db.insert(deals).values({ workspaceId: subject.workspaceId, ...input }).returning({ id: deals.id });
    return ok({ id: row!.id });
  }
  const updated = await db
    .update(deals)
    .set(input)
    .where(and(eq(deals.id, id), eq(deals.workspaceId, subject.workspaceId)))
    .returning({ id: deals.id });
  return updated[0] ? ok(updated[0]) : refuse("not_found");
}

/** Deleting a record deletes its notes and unlinks it from conversations (foreign keys). */
export async function deleteRecord(db: Executor, subject: AccessSubject, type: RecordType, id: string): Promise<Result<{ id: string }, "not_found">> {
  if (!isUuid(id)) return refuse("not_found");
  const { table } = RECORD_TABLES[type];
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
