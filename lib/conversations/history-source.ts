import "server-only";
import { aliasedTable, desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { MessageKind, MessagePayload } from "@/db/message-content";
import { conversations, messages, messagingApps, users, type HistoryEntry } from "@/db/schema";

const senders = aliasedTable(users, "senders");
const assignees = aliasedTable(users, "assignees");

/** What a CRM history note shows about the conversation itself; null once it is deleted. */
export async function getConversationSummary(db: Executor, conversationId: string) {
  const [row] = await db
    .select({
      id: conversations.id,
      workspaceId: conversations.workspaceId,
      appId: conversations.appId,
      contactName: conversations.contactName,
      appName: messagingApps.name,
      assigneeName: assignees.name,
      status: conversations.status,
      deletedAt: conversations.deletedAt,
    })
    .from(conversations)
    .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
    .leftJoin(assignees, eq(assignees.id, conversations.assigneeId))
    .where(eq(conversations.id, conversationId))
    .limit(1);
  return row && !row.deletedAt ? row : null;
}

function toEntry(
  row: {
    id: string;
    direction: "inbound" | "outbound";
    text: string;
    attachments: unknown[];
    kind: MessageKind;
    payload: MessagePayload | null;
    occurredAt: Date;
    senderName: string | null;
  },
  contactName: string,
): HistoryEntry {
  return {
    messageId: row.id,
    direction: row.direction,
    sender: row.direction === "inbound" ? contactName : (row.senderName ?? contactName),
    text: row.text,
    attachments: row.attachments.length,
    at: row.occurredAt.toISOString(),
    ...(row.kind !== "text" || row.payload ? { kind: row.kind, payload: row.payload } : {}),
  };
}

const entryColumns = {
  id: messages.id,
  direction: messages.direction,
  text: messages.text,
  attachments: messages.attachments,
  kind: messages.kind,
  payload: messages.payload,
  occurredAt: messages.occurredAt,
  senderName: senders.name,
};

/** The newest messages, oldest first, as history note entries. */
export async function latestHistoryEntries(db: Executor, conversationId: string, contactName: string, limit: number): Promise<HistoryEntry[]> {
  const rows = await db
    .select(entryColumns)
    .from(messages)
    .leftJoin(senders, eq(senders.id, messages.senderUserId))
    .where(eq(messages.conversationId, conversationId))
    .orderBy(desc(messages.occurredAt), desc(messages.id))
    .limit(limit);
  return rows.reverse().map((row) => toEntry(row, contactName));
}

export async function historyEntryFor(db: Executor, messageId: string, contactName: string): Promise<HistoryEntry | null> {
  const [row] = await db.select(entryColumns).from(messages).leftJoin(senders, eq(senders.id, messages.senderUserId)).where(eq(messages.id, messageId));
  return row ? toEntry(row, contactName) : null;
}
