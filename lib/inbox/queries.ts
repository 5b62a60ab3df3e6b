import "server-only";
import { aliasedTable, and, desc, eq, gte, isNotNull, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/index";
import {
  conversationActivities,
  conversationReads,
  conversations,
  messages,
  messagingApps,
  users,
} from "@/db/schema";
import { withQuotedMessages } from "@/lib/content/quoted-message";
import { appAccessibleBy, type AccessSubject } from "./access";
import { fitActivitiesToPage, MAX_ACTIVITY_LINES_PER_PAGE } from "./thread-activity-bound";
import { encodeCursor, isUuid, type Cursor, type View } from "./views";

export const PAGE_SIZE = 25;
export const THREAD_PAGE_SIZE = 50;

/** SQL twin of viewOf() in views.ts. */
function viewCondition(view: View, viewerId: string): SQL {
  switch (view) {
    case "unassigned":
      return and(eq(conversations.status, "open"), isNull(conversations.assigneeId))!;
    case "mine":
      return and(eq(conversations.status, "open"), eq(conversations.assigneeId, viewerId))!;
    case "others":
      return and(
        eq(conversations.status, "open"),
        isNotNull(conversations.assigneeId),
        ne(conversations.assigneeId, viewerId),
      )!;
    case "closed":
      return eq(conversations.status, "closed");
  }
}

function visibleTo(subject: AccessSubject, appId: string | null): SQL {
  return and(
    eq(conversations.workspaceId, subject.workspaceId),
    isNull(conversations.deletedAt),
    appAccessibleBy(subject),
    appId && isUuid(appId) ? eq(conversations.appId, appId) : undefined,
  )!;
}

const assignees = aliasedTable(users, "assignees");

export type ConversationRow = Awaited<ReturnType<typeof listConversations>>["rows"][number];

export async function listConversations(
  subject: AccessSubject,
  view: View,
  options: { appId?: string | null; after?: Cursor | null; limit?: number } = {},
) {
  const db = await getDb();
  const limit = options.limit ?? PAGE_SIZE;
  const after = options.after;
  const rows = await db
    .select({
      id: conversations.id,
      appId: conversations.appId,
      contactName: conversations.contactName,
      status: conversations.status,
      assigneeId: conversations.assigneeId,
      assigneeName: assignees.name,
      lastActivityAt: conversations.lastActivityAt,
      lastMessagePreview: conversations.lastMessagePreview,
      lastMessageKind: conversations.lastMessageKind,
      appName: messagingApps.name,
      provider: messagingApps.provider,
      isUnread: sql<boolean>`(${conversations.lastMessageAt} is not null and (${conversationReads.readAt} is null or ${conversations.lastMessageAt} > ${conversationReads.readAt}))`,
    })
    .from(conversations)
    .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
    .leftJoin(assignees, eq(assignees.id, conversations.assigneeId))
    .leftJoin(
      conversationReads,
      and(eq(conversationReads.conversationId, conversations.id), eq(conversationReads.userId, subject.userId)),
    )
    .where(
      and(
        visibleTo(subject, options.appId ?? null),
        viewCondition(view, subject.userId),
        after
          ? sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${after.lastActivityAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor({ lastActivityAt: last.lastActivityAt, id: last.id }) : null,
  };
}

export type ViewCounts = Record<View, number>;

export async function countViews(subject: AccessSubject, appId: string | null = null): Promise<ViewCounts> {
  const db = await getDb();
  const count = (view: View) => sql<number>`cast(count(*) filter (where ${viewCondition(view, subject.userId)}) as int)`;
  const [row] = await db
    .select({ unassigned: count("unassigned"), mine: count("mine"), others: count("others"), closed: count("closed") })
    .from(conversations)
    .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
    .where(visibleTo(subject, appId));
  return {
    unassigned: Number(row?.unassigned ?? 0),
    mine: Number(row?.mine ?? 0),
    others: Number(row?.others ?? 0),
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
export async function loadThreadPage(conversationId: string, before: Cursor | null = null) {
  const db = await getDb();
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
  const page = await withQuotedMessages(conversationId, newestFirst.slice(0, THREAD_PAGE_SIZE).reverse());
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
