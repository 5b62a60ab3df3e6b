import "server-only";
import type { Executor } from "@/db/client";
import type { AccessSubject } from "@/lib/apps/access";
import type { RecordRow } from "./record-kinds";
import { decodeRecordCursor, getPersonNames, listRecords } from "./records";
import type { RecordType } from "@/lib/record-types";

export type RecordListSearchParams = { q?: string | string[]; after?: string | string[] };

type RecordListOf<K extends RecordType> = {
  type: K;
  /** The search as the box shows it again: trimmed, at most 200 characters. */
  query: string;
  isFirstPage: boolean;
  rows: RecordRow<K>[];
  nextCursor: string | null;
  /** The names of the persons the page's leads or deals point to. */
  personNames: Map<string, string>;
};
/** One page of a list, told apart by `type` so that each kind's rows keep their columns. */
export type RecordList = { [K in RecordType]: RecordListOf<K> }[RecordType];

function single(value: string | string[] | undefined): string {
  return typeof value === "string" ? value : "";
}

/** `/persons`, `/leads`, `/deals`: searched by name or title (`?q=`), paged by keyset (`?after=`). */
export async function loadRecordList(db: Executor, subject: AccessSubject, type: RecordType, searchParams: RecordListSearchParams): Promise<RecordList> {
  const query = single(searchParams.q).trim().slice(0, 200);
  const after = decodeRecordCursor(single(searchParams.after));
  const { rows, nextCursor } = await listRecords(db, subject, type, { query, after });
  const personIds = rows.flatMap((row) => ("personId" in row && row.personId ? [row.personId] : []));
  const personNames = await getPersonNames(db, subject, personIds);
  // `type` and `rows` agree, which TypeScript cannot follow through a union of kinds.
  return { type, query, isFirstPage: !after, rows, nextCursor, personNames } as RecordList;
}
