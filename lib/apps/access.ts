import "server-only";
import { and, eq, exists, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { appAccess, conversations, messagingApps, type MessagingApp } from "@/db/schema";
import { isUuid } from "@/lib/ids";

/** The subset of the actor that access rules need; jobs build it for recipients too. */
export type AccessSubject = { userId: string; workspaceId: string };

/** A user named by value, or by the columns of a `users` row the query is walking over. */
type SubjectRef = { userId: string | AnyPgColumn; workspaceId: string | AnyPgColumn };

/**
 * Spec §2: a user reaches an installed app of their workspace when the app is open to
 * everyone, they installed it, or they are on its access list. The one SQL form of that rule.
 */
export function appAccessibleBy(subject: SubjectRef): SQL {
  return and(
    eq(messagingApps.workspaceId, subject.workspaceId),
    isNull(messagingApps.uninstalledAt),
    or(
      eq(messagingApps.accessMode, "everyone"),
      eq(messagingApps.installerId, subject.userId),
      exists(
        sql`(select 1 from ${appAccess} where ${appAccess.appId} = ${messagingApps.id} and ${appAccess.userId} = ${subject.userId})`,
      ),
    ),
  )!;
}

export async function listAccessibleApps(db: Executor, subject: AccessSubject): Promise<MessagingApp[]> {
  return db.select().from(messagingApps).where(appAccessibleBy(subject)).orderBy(messagingApps.name);
}

export async function hasAppAccess(db: Executor, subject: AccessSubject, appId: string): Promise<boolean> {
  const rows = await db
    .select({ id: messagingApps.id })
    .from(messagingApps)
    .where(and(eq(messagingApps.id, appId), appAccessibleBy(subject)))
    .limit(1);
  return rows.length > 0;
}

/**
 * The conversation if the subject may see and act on it; null for "unknown", "deleted",
 * "other workspace" and "no access" alike, so callers answer 404 without leaking existence.
 */
export async function findAccessibleConversation(db: Executor, subject: AccessSubject, conversationId: string) {
  if (!isUuid(conversationId)) return null;
  const [row] = await db
    .select({ conversation: conversations, app: messagingApps })
    .from(conversations)
    .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
    .where(and(eq(conversations.id, conversationId), isNull(conversations.deletedAt), appAccessibleBy(subject)))
    .limit(1);
  return row ?? null;
}

/**
 * findAccessibleConversation, with the conversation row locked until the transaction ends:
 * every change to a conversation goes through this, so concurrent changes serialise on it.
 */
export async function lockAccessibleConversation(tx: Executor, subject: AccessSubject, conversationId: string) {
  if (!isUuid(conversationId)) return null;
  const [row] = await tx
    .select({ conversation: conversations, app: messagingApps })
    .from(conversations)
    .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
    .where(and(eq(conversations.id, conversationId), isNull(conversations.deletedAt), appAccessibleBy(subject)))
    .for("update", { of: conversations })
    .limit(1);
  return row ?? null;
}

/**
 * A deleted conversation of an app the subject may reach, so links in CRM notes can say it was
 * deleted; null for unknown ids, other workspaces and apps the subject has no access to.
 */
export async function findDeletedConversation(db: Executor, subject: AccessSubject, conversationId: string) {
  if (!isUuid(conversationId)) return null;
  const [row] = await db
    .select({ id: conversations.id, contactName: conversations.contactName, appName: messagingApps.name, provider: messagingApps.provider })
    .from(conversations)
    .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
    .where(and(eq(conversations.id, conversationId), isNotNull(conversations.deletedAt), appAccessibleBy(subject)))
    .limit(1);
  return row ?? null;
}
