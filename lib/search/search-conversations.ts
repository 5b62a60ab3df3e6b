import "server-only";
import { aliasedTable, and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/index";
import { conversations, messages, messagingApps, users } from "@/db/schema";
import { listAccessibleApps, type AccessSubject } from "@/lib/inbox/access";
import { encodeCursor, viewOf, type Cursor, type View } from "@/lib/inbox/views";
import type { SearchQuery } from "./search-query";

export const SEARCH_PAGE_SIZE = 25;

const assignees = aliasedTable(users, "assignees");

/** The indexed expressions of migration 0015; the SQL here must match them exactly to use them. */
const contactKey = sql`public.switchboard_contact_search_key(${conversations.contactName}, ${conversations.externalContactId})`;
const messageVector = sql`to_tsvector('simple'::regconfig, public.switchboard_search_fold(${messages.text}))`;

/** Every word, as a prefix ("dobr" finds "dobrý"); words hold only letters and digits (search-query.ts). */
function messageMatch(query: SearchQuery): SQL | undefined {
  if (query.words.length === 0) return undefined;
  const tsquery = query.words.map((word) => `${word}:*`).join(" & ");
  return sql`${messageVector} @@ to_tsquery('simple'::regconfig, public.switchboard_search_fold(${tsquery}))`;
}

/** A phone-like query matches a number by its digits; otherwise every word is in the name. */
function contactMatch(query: SearchQuery): SQL {
  if (query.digits) return sql`${contactKey} like ${`%${query.digits}%`}`;
  return and(...query.words.map((word) => sql`${contactKey} like '%' || public.switchboard_search_fold(${word}) || '%'`))!;
}

export type SearchResult = {
  id: string;
  contactName: string;
  externalContactId: string;
  appName: string;
  provider: "messenger" | "whatsapp";
  assigneeName: string | null;
  lastActivityAt: Date;
  view: View;
  /** The newest message that matched, when one did; otherwise the name or number matched. */
  matchedText: string | null;
  lastMessagePreview: string | null;
};

/**
 * SPEC §13: conversations the subject may see whose contact name, number or any message
 * matches, newest first, keyset paged like the views. Matching ids come from the two search
 * indexes (trigrams on the contact, full text on messages), limited to the subject's apps.
 */
export async function searchConversations(
  db: Executor,
  subject: AccessSubject,
  query: SearchQuery,
  options: { after?: Cursor | null; limit?: number } = {},
): Promise<{ results: SearchResult[]; nextCursor: string | null }> {
  const limit = options.limit ?? SEARCH_PAGE_SIZE;
  const appIds = (await listAccessibleApps(db, subject)).map((app) => app.id);
  if (appIds.length === 0) return { results: [], nextCursor: null };

  const byContact = db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(inArray(conversations.appId, appIds), isNull(conversations.deletedAt), contactMatch(query)));
  const textMatch = messageMatch(query);
  const byMessage = textMatch
    ? db
        .select({ id: messages.conversationId })
        .from(messages)
        .where(and(inArray(messages.appId, appIds), textMatch))
    : null;
  // An array of the matching ids, so the page reads each match by primary key: as a join, the
  // planner misjudges how many there are and walks all of conversations instead.
  const matched = byMessage ? sql`array(${byContact} union ${byMessage})` : sql`array(${byContact})`;
  const newestMatch = textMatch
    ? sql<string | null>`(select ${messages.text} from ${messages} where ${messages.conversationId} = ${conversations.id} and ${textMatch} order by ${messages.occurredAt} desc, ${messages.id} desc limit 1)`
    : sql<string | null>`null`;
  const after = options.after;

  const rows = await db
    .select({
      id: conversations.id,
      contactName: conversations.contactName,
      externalContactId: conversations.externalContactId,
      status: conversations.status,
      assigneeId: conversations.assigneeId,
      assigneeName: assignees.name,
      lastActivityAt: conversations.lastActivityAt,
      lastMessagePreview: conversations.lastMessagePreview,
      appName: messagingApps.name,
      provider: messagingApps.provider,
      matchedText: newestMatch,
    })
    .from(conversations)
    .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
    .leftJoin(assignees, eq(assignees.id, conversations.assigneeId))
    .where(
      and(
        sql`${conversations.id} = any(${matched})`,
        // Belt and braces: the apps are the subject's, but a result must never cross workspaces.
        eq(conversations.workspaceId, subject.workspaceId),
        isNull(conversations.deletedAt),
        after
          ? sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${after.lastActivityAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(limit + 1);

  const shown = rows.slice(0, limit).map(
    (row): SearchResult => ({
      id: row.id,
      contactName: row.contactName,
      externalContactId: row.externalContactId,
      appName: row.appName,
      provider: row.provider,
      assigneeName: row.assigneeName,
      lastActivityAt: row.lastActivityAt,
      view: viewOf(row, subject.userId),
      matchedText: row.matchedText,
      lastMessagePreview: row.lastMessagePreview,
    }),
  );
  const last = shown.at(-1);
  return {
    results: shown,
    nextCursor: rows.length > limit && last ? encodeCursor({ lastActivityAt: last.lastActivityAt, id: last.id }) : null,
  };
}
