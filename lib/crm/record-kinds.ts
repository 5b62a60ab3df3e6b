import "server-only";
import type { conversationLinks, notes } from "@/db/schema";
import { deals, leads, persons } from "@/db/schema";
import type { RecordType } from "@/lib/record-types";

type Tables = { person: typeof persons; lead: typeof leads; deal: typeof deals };
export type RecordRow<K extends RecordType = RecordType> = Tables[K]["$inferSelect"];
/** A kind's table as drizzle's builders take it: a generic `Tables[K]` they cannot resolve. */
export type RecordTable = Tables[RecordType];

export type RecordKind<K extends RecordType> = {
  /** Scoped by workspace_id, the only boundary of CRM records (docs/decisions.md). */
  table: Tables[K];
  /** What lists sort and search by, and what a link shows. */
  label: typeof persons.name | typeof leads.title | typeof deals.title;
  labelOf: (row: RecordRow<K>) => string;
  /** The column naming the record, on notes and on conversation_links alike. */
  column: `${K}Id` & keyof typeof notes.$inferSelect & keyof typeof conversationLinks.$inferSelect;
  /** When the note made on linking this kind was written (conversation_links). */
  noteStartedColumn: `${K}NoteStartedAt` & keyof typeof conversationLinks.$inferSelect;
};

/**
 * What the CRM's server code needs to know of each kind of record, so that a function takes the
 * kind as a value instead of branching on it. A new kind is one entry here, its schema in
 * RECORD_SCHEMAS (lib/crm/schemas.ts, shared with the browser) and its path in lib/paths.ts.
 * Typed as a mapped type so that `RECORD_KINDS[type]` keeps `type`'s row for a generic kind.
 */
export const RECORD_KINDS: { [K in RecordType]: RecordKind<K> } = {
  person: { table: persons, label: persons.name, labelOf: (row) => row.name, column: "personId", noteStartedColumn: "personNoteStartedAt" },
  lead: { table: leads, label: leads.title, labelOf: (row) => row.title, column: "leadId", noteStartedColumn: "leadNoteStartedAt" },
  deal: { table: deals, label: deals.title, labelOf: (row) => row.title, column: "dealId", noteStartedColumn: "dealNoteStartedAt" },
};
