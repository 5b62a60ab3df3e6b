import "server-only";
import { aliasedTable, and, desc, eq, gte, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import { unionAll } from "drizzle-orm/pg-core";
import {
  conversationActivities,
  conversationReads,
  conversations,
  messages,
  messagingApps,
  users,
} from "@/db/schema";
import { withQuotedMessages } from "@/lib/content/quoted-message";
import { listAccessibleApps, type AccessSubject } from "@/lib/apps/access";
import { COUNT_CAP, formatCount, type ViewCounts } from "./count-format";
import { previewAuthorOf, waitingSinceOf } from "./list-row-words";
import { fitActivitiesToPage, MAX_ACTIVITY_LINES_PER_PAGE } from "./thread-activity-bound";
import { isUuid } from "@/lib/ids";
import type { View } from "@/lib/views";
import { encodeCursor, type Cursor } from "@/lib/keyset-cursor";

export const PAGE_SIZE = 25;
export const THREAD_PAGE_SIZE = 50;

/** SQL twin of viewOf() in views.ts. */
function viewCondition(view: View, viewerId: string): SQL {
  switch (view) {
    case "unassigned":
      return and(eq(conversations.status, "open"), isNull(conversations.snoozedUntil), isNull(conversations.assigneeId))!;
    case "mine":
      return and(eq(conversations.status, "open"), isNull(conversations.snoozedUntil), eq(conversations.assigneeId, viewerId))!;
    case "others":
      return and(
        eq(conversations.status, "open"),
        isNull(conversations.snoozedUntil),
        isNotNull(conversations.assigneeId),
        ne(conversations.assigneeId, viewerId),
      )!;
    case "snoozed":
      return and(eq(conversations.status, "open"), isNotNull(conversations.snoozedUntil))!;
    case "closed":
      return eq(conversations.status, "closed");
  }
}

/**
 * The access rule (access.ts) evaluated once on the small apps table; the conversation queries
 * then filter by `app_id in (…)`, which the per-view indexes carry, instead of joining the rule
 * row by row. `appId` narrows to one app (?app=), ignored when the subject cannot reach it.
 */
export type ConversationScope = { subject: AccessSubject; appIds: string[] };

export async function conversationScope(db: Executor, subject: AccessSubject, appId: string | null = null): Promise<ConversationScope> {
  const apps = await listAccessibleApps(db, subject);
  return narrowScope(subject, apps.map((app) => app.id), appId);
}

export function narrowScope(subject: AccessSubject, accessibleAppIds: string[], appId: string | null): ConversationScope {
  const narrowed = appId && isUuid(appId) ? accessibleAppIds.filter((id) => id === appId) : accessibleAppIds;
  return { subject, appIds: narrowed };
}

const assignees = aliasedTable(users, "assignees");
const authors = aliasedTable(users, "authors");

/**
 * The ids of a page: the first `take` of each app in the view's order (an ordered walk of that
 * app's partial index that stops after `take` rows), merged; the caller keeps the newest `take`.
 * One ordered index cannot serve "any of these apps, newest first", and a filter on the
 * workspace's index would read past every row of the apps the viewer cannot reach.
 */
function pageCandidates(db: Database, scope: ConversationScope, view: View, after: Cursor | null, take: number, ids?: string[]) {
  const perApp = scope.appIds.map((appId) =>
    db
      .select({
        id: conversations.id,
        appId: conversations.appId,
        contactName: conversations.contactName,
        status: conversations.status,
        assigneeId: conversations.assigneeId,
        lastActivityAt: conversations.lastActivityAt,
        lastMessageAt: conversations.lastMessageAt,
        lastMessagePreview: conversations.lastMessagePreview,
        lastMessageKind: conversations.lastMessageKind,
        lastMessageDirection: conversations.lastMessageDirection,
        lastMessageAuthorId: conversations.lastMessageAuthorId,
        lastPreviewAt: conversations.lastPreviewAt,
        snoozedUntil: conversations.snoozedUntil,
      })
      .from(conversations)
      .where(
        and(
          // The scope's apps are the subject's workspace's (conversationScope), so the app id
          // alone places the row; a workspace test here would cost a heap visit per row.
          eq(conversations.appId, appId),
          isNull(conversations.deletedAt),
          viewCondition(view, scope.subject.userId),
          ids ? inArray(conversations.id, ids) : undefined,
          after
            ? sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${after.lastActivityAt.toISOString()}::timestamptz, ${after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
      .limit(take),
  );
  const [first, second, ...rest] = perApp;
  return (second ? unionAll(first!, second, ...rest) : first!).as("candidates");
}

export type ConversationRow = Awaited<ReturnType<typeof listConversations>>["rows"][number];

export async function listConversations(
  db: Executor,
  subject: AccessSubject,
  view: View,
  options: {
    appId?: string | null;
    after?: Cursor | null;
    limit?: number;
    scope?: ConversationScope;
    /** Only these conversations (those a live event named), where they are in the view. */
    ids?: string[];
  } = {},
) {
  const scope = options.scope ?? (await conversationScope(db, subject, options.appId ?? null));
  const limit = options.limit ?? PAGE_SIZE;
  if (scope.appIds.length === 0 || options.ids?.length === 0) return { rows: [], nextCursor: null };
  const after = options.after;
  // The page's rows come whole from the per-app index walks; the joins add names to at most
  // (apps × take) rows, and conversations is never read again.
  const page = pageCandidates(db, scope, view, after ?? null, limit + 1, options.ids);
  const rows = await db
    .select({
      id: page.id,
      appId: page.appId,
      contactName: page.contactName,
      status: page.status,
      assigneeId: page.assigneeId,
      assigneeName: assignees.name,
      lastActivityAt: page.lastActivityAt,
      lastMessagePreview: page.lastMessagePreview,
      lastMessageKind: page.lastMessageKind,
      lastMessageDirection: page.lastMessageDirection,
      lastMessageAuthorId: page.lastMessageAuthorId,
      lastMessageAuthorName: authors.name,
      lastPreviewAt: page.lastPreviewAt,
      lastMessageAt: page.lastMessageAt,
      snoozedUntil: page.snoozedUntil,
      appName: messagingApps.name,
      provider: messagingApps.provider,
      // Spec: a failed reply is seen in the list. The newest outbound message of the row's
      // conversation, read from messages_thread_idx (conversation_id, occurred_at desc, id desc):
      // at most a page of small index walks, no column to keep in step (docs/decisions.md).
      lastReplyFailed: sql<boolean>`coalesce((select ${messages.state} = 'failed' from ${messages} where ${messages.conversationId} = ${page.id} and ${messages.direction} = 'outbound' order by ${messages.occurredAt} desc, ${messages.id} desc limit 1), false)`,
      isUnread: sql<boolean>`(${page.lastMessageAt} is not null and (${conversationReads.readAt} is null or ${page.lastMessageAt} > ${conversationReads.readAt}))`,
    })
    .from(page)
    .innerJoin(messagingApps, eq(messagingApps.id, page.appId))
    .leftJoin(assignees, eq(assignees.id, page.assigneeId))
    .leftJoin(authors, eq(authors.id, page.lastMessageAuthorId))
    .leftJoin(conversationReads, and(eq(conversationReads.conversationId, page.id), eq(conversationReads.userId, subject.userId)))
    .orderBy(desc(page.lastActivityAt), desc(page.id))
    .limit(limit + 1);

  const shown = rows
    .slice(0, limit)
    .map(({ lastMessageDirection, lastMessageAuthorId, lastMessageAuthorName, lastPreviewAt, lastMessageAt, ...row }) => ({
      ...row,
      lastMessageAuthor: previewAuthorOf(
        { direction: lastMessageDirection, authorId: lastMessageAuthorId, authorName: lastMessageAuthorName },
        subject.userId,
      ),
      waitingSince: waitingSinceOf({ status: row.status, direction: lastMessageDirection, previewAt: lastPreviewAt, lastMessageAt }),
    }));
  const last = shown.at(-1);
  return {
    rows: shown,
    nextCursor: rows.length > limit && last ? encodeCursor({ lastActivityAt: last.lastActivityAt, id: last.id }) : null,
  };
}

export { COUNT_CAP, formatCount, type ViewCounts };

export async function countViews(
  db: Executor,
  subject: AccessSubject,
  appId: string | null = null,
  scope?: ConversationScope,
): Promise<ViewCounts> {
  const resolved = scope ?? (await conversationScope(db, subject, appId));
  if (resolved.appIds.length === 0) return { unassigned: 0, mine: 0, others: 0, snoozed: 0, closed: 0 };
  // Per app, like pageCandidates. The sum of per-app counts each capped at COUNT_CAP + 1 is
  // exact whenever the true total is at most COUNT_CAP, and above COUNT_CAP otherwise.
  const capped = (view: View) => {
    const perApp = resolved.appIds.map((appId) => {
      const bounded = db
        .select({ one: sql`1` })
        .from(conversations)
        .where(and(eq(conversations.appId, appId), isNull(conversations.deletedAt), viewCondition(view, subject.userId)))
        .limit(COUNT_CAP + 1);
      return sql`(select count(*) from ${bounded} as bounded)`;
    });
    return sql<number>`cast(least(${sql.join(perApp, sql` + `)}, ${COUNT_CAP + 1}) as int)`;
  };
  const [row] = await db
    .select({
      unassigned: capped("unassigned"),
      mine: capped("mine"),
      others: capped("others"),
      snoozed: capped("snoozed"),
      closed: capped("closed"),
    })
    .from(sql`(select 1) as one`);
  return {
    unassigned: Number(row?.unassigned ?? 0),
    mine: Number(row?.mine ?? 0),
    others: Number(row?.others ?? 0),
    snoozed: Number(row?.snoozed ?? 0),
    closed: Number(row?.closed ?? 0),
  };
}

const senders = aliasedTable(users, "senders");
const actors = aliasedTable(users, "actors");
const targets = aliasedTable(users, "targets");

export type ThreadMessage = Awaited<ReturnType<typeof loadThreadPage>>["messages"][number];
export type ThreadActivity = Awaited<ReturnType<typeof loadThreadPage>>["activities"][number];

/**
 * The newest messages first (a keyset page, older ones on request), with the activity lines
 * that fall between the oldest loaded message and the newer end of the page.
 */
export async function loadThreadPage(db: Executor, conversationId: string, before: Cursor | null = null) {
  const newestFirst = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      text: messages.text,
      attachments: messages.attachments,
      kind: messages.kind,
      payload: messages.payload,
      reaction: messages.reaction,
      editedAt: messages.editedAt,
      replyToProviderMessageId: messages.replyToProviderMessageId,
      state: messages.state,
      failureReason: messages.failureReason,
      occurredAt: messages.occurredAt,
      senderName: senders.name,
      senderUserId: messages.senderUserId,
    })
    .from(messages)
    .leftJoin(senders, eq(senders.id, messages.senderUserId))
    .where(
      and(
        eq(messages.conversationId, conversationId),
        before
          ? sql`(${messages.occurredAt}, ${messages.id}) < (${before.lastActivityAt.toISOString()}::timestamptz, ${before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(messages.occurredAt), desc(messages.id))
    .limit(THREAD_PAGE_SIZE + 1);

  const hasOlder = newestFirst.length > THREAD_PAGE_SIZE;
  const page = await withQuotedMessages(db, conversationId, newestFirst.slice(0, THREAD_PAGE_SIZE).reverse());
  const oldest = page[0];
  const activities = await db
    .select({
      id: conversationActivities.id,
      kind: conversationActivities.kind,
      occurredAt: conversationActivities.occurredAt,
      actorName: actors.name,
      targetName: targets.name,
      detail: conversationActivities.detail,
    })
    .from(conversationActivities)
    .leftJoin(actors, eq(actors.id, conversationActivities.actorId))
    .leftJoin(targets, eq(targets.id, conversationActivities.targetUserId))
    .where(
      and(
        eq(conversationActivities.conversationId, conversationId),
        hasOlder && oldest ? gte(conversationActivities.occurredAt, oldest.occurredAt) : undefined,
        before ? lt(conversationActivities.occurredAt, before.lastActivityAt) : undefined,
      ),
    )
    .orderBy(desc(conversationActivities.occurredAt), desc(conversationActivities.id))
    .limit(MAX_ACTIVITY_LINES_PER_PAGE + 1);

  const fitted = fitActivitiesToPage({
    messages: page,
    activitiesNewestFirst: activities,
    olderCursor: hasOlder && oldest ? { lastActivityAt: oldest.occurredAt, id: oldest.id } : null,
  });
  return {
    messages: fitted.messages,
    activities: fitted.activities,
    olderCursor: fitted.olderCursor ? encodeCursor(fitted.olderCursor) : null,
  };
}
