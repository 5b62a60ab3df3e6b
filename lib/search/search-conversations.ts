import "server-only";
import { aliasedTable, and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { conversations, messages, messagingApps, users } from "@/db/schema";
import { listAccessibleApps, type AccessSubject } from "@/lib/apps/access";
import { viewOf, type View } from "@/lib/views";
import { encodeCursor, type Cursor } from "@/lib/keyset-cursor";
import type { SearchQuery } from "./search-query";

export const SEARCH_PAGE_SIZE = 25;
/**
 * How many of the newest conversations are checked one by one before the indexes are asked
 * for every match: a word in most messages fills the page from these, where gathering all its
 * matches would cost in proportion to the whole inbox; a rarer one falls through to the
 * indexes, whose cost is its matches.
 */
export const RECENT_WINDOW = 100;

/**
 * The partial indexes of db/schema.ts that together hold every conversation once, each in
 * recency order (open unassigned, open assigned, snoozed, closed): walked per app and merged,
 * they give an app's conversations newest first without an index of their own.
 */
const RECENCY_SHAPES: SQL[] = [
  and(eq(conversations.status, "open"), isNull(conversations.snoozedUntil), isNull(conversations.assigneeId))!,
  and(eq(conversations.status, "open"), isNull(conversations.snoozedUntil), isNotNull(conversations.assigneeId))!,
  and(eq(conversations.status, "open"), isNotNull(conversations.snoozedUntil))!,
  eq(conversations.status, "closed"),
];

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
 * matches, newest first, keyset paged like the views, limited to the subject's apps. The
 * RECENT_WINDOW newest conversations are checked first; when they hold less than a page, the
 * matching ids come from the two search indexes (trigrams on the contact, full text on messages).
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
  // The planner cannot estimate a full-text match: it guesses 20% of messages, starts parallel
  // workers (~50 ms) and, at a million conversations, compiles the query with JIT (100–180 ms),
  // for index reads that take a few milliseconds.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    await tx.execute(sql`set local jit = off`);
    return matchingRows(tx, subject, appIds, query, options.after ?? null, limit);
  });

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

/** The page's rows plus one: from the newest conversations when they hold enough, else from the indexes. */
async function matchingRows(db: Executor, subject: AccessSubject, appIds: string[], query: SearchQuery, after: Cursor | null, limit: number) {
  const textMatch = messageMatch(query);
  const read = (where: SQL) => readResults(db, subject, where, textMatch, after, limit + 1);

  // The newest conversations first: enough matches among them are the page.
  const window = recentIds(db, appIds, after, RECENT_WINDOW);
  const inWindow = textMatch
    ? sql`(${contactMatch(query)} or exists (select 1 from ${messages} where ${messages.conversationId} = ${conversations.id} and ${textMatch}))`
    : contactMatch(query);
  const fromWindow = await read(and(sql`${conversations.id} = any(array(${window}))`, inWindow)!);
  if (fromWindow.length > limit) return fromWindow;

  const byContact = db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(inArray(conversations.appId, appIds), isNull(conversations.deletedAt), contactMatch(query)));
  // The full-text index alone, then the apps: left to itself, the planner (which guesses a
  // fifth of all messages match) ANDs in an index on app_id and reads every message's entry
  // of those apps (1 s at 1M conversations). A materialized CTE keeps the app test a filter.
  const byMessage = textMatch
    ? sql`(with matching as materialized (select ${messages.conversationId} as conversation_id, ${messages.appId} as app_id from ${messages} where ${textMatch})
        select conversation_id from matching where ${inArray(sql`app_id`, appIds)})`
    : null;
  // An array of the matching ids, so the page reads each match by primary key: as a join, the
  // planner misjudges how many there are and walks all of conversations instead.
  return read(byMessage ? sql`${conversations.id} = any(array(${byContact} union ${byMessage}))` : sql`${conversations.id} = any(array(${byContact}))`);
}

/** The ids of the `take` newest conversations of the apps (after the cursor), newest first. */
function recentIds(db: Executor, appIds: string[], after: Cursor | null, take: number): SQL {
  const walks = appIds.flatMap((appId) =>
    RECENCY_SHAPES.map((shape) =>
      db
        .select({ id: conversations.id, lastActivityAt: conversations.lastActivityAt })
        .from(conversations)
        .where(and(eq(conversations.appId, appId), isNull(conversations.deletedAt), shape, afterCursor(after)))
        .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
        .limit(take),
    ),
  );
  const [first, second, ...rest] = walks;
  const merged = unionAll(first!, second!, ...rest).as("recent");
  return sql`select ${merged.id} from ${merged} order by ${merged.lastActivityAt} desc, ${merged.id} desc limit ${take}`;
}

function afterCursor(after: Cursor | null): SQL | undefined {
  return after
    ? sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${after.lastActivityAt.toISOString()}::timestamptz, ${after.id}::uuid)`
    : undefined;
}

/** The page's rows among the conversations `where` picks, newest first, with names and the newest matching message. */
function readResults(db: Executor, subject: AccessSubject, where: SQL, textMatch: SQL | undefined, after: Cursor | null, take: number) {
  const newestMatch = textMatch
    ? sql<string | null>`(select ${messages.text} from ${messages} where ${messages.conversationId} = ${conversations.id} and ${textMatch} order by ${messages.occurredAt} desc, ${messages.id} desc limit 1)`
    : sql<string | null>`null`;
  return db
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
        where,
        // Belt and braces: the apps are the subject's, but a result must never cross workspaces.
        eq(conversations.workspaceId, subject.workspaceId),
        isNull(conversations.deletedAt),
        afterCursor(after),
      ),
    )
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(take);
}
