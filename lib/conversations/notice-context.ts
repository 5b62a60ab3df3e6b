import "server-only";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { conversationActivities, conversations, messages, messagingApps, users } from "@/db/schema";

type ActivityKind = (typeof conversationActivities.$inferSelect)["kind"];

/**
 * What a notification says about a conversation, read through this module rather than from
 * the inbox's tables by each notifier: the event (an activity line or a message), its
 * conversation and app, and who acted. Null once the conversation is deleted.
 */
export async function activityContext(db: Executor, activityId: string, kind?: ActivityKind) {
  const [row] = await db
    .select({ activity: conversationActivities, conversation: conversations, app: messagingApps, actorName: users.name })
    .from(conversationActivities)
    .innerJoin(conversations, eq(conversations.id, conversationActivities.conversationId))
    .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
    .leftJoin(users, eq(users.id, conversationActivities.actorId))
    .where(and(eq(conversationActivities.id, activityId), kind ? eq(conversationActivities.kind, kind) : undefined, isNull(conversations.deletedAt)))
    .limit(1);
  return row ?? null;
}

/** Whether this activity is the conversation's latest (un)assignment: of a burst only the last one counts (spec §5). */
export async function isLatestAssignment(db: Executor, conversationId: string, activityId: string): Promise<boolean> {
  const [latest] = await db
    .select({ id: conversationActivities.id })
    .from(conversationActivities)
    .where(and(eq(conversationActivities.conversationId, conversationId), inArray(conversationActivities.kind, ["assigned", "unassigned"])))
    .orderBy(desc(conversationActivities.occurredAt), desc(conversationActivities.id))
    .limit(1);
  return latest?.id === activityId;
}

/** A message with its conversation and app; null once either is gone (deleted, uninstalled). */
export async function messageContext(db: Executor, messageId: string) {
  const [row] = await db
    .select({ message: messages, conversation: conversations, app: messagingApps })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(messagingApps, eq(messagingApps.id, messages.appId))
    .where(and(eq(messages.id, messageId), isNull(conversations.deletedAt), isNull(messagingApps.uninstalledAt)))
    .limit(1);
  return row ?? null;
}
