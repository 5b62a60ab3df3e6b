import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { conversationActivities, conversations, messagingApps, users, type MessagingApp } from "@/db/schema";
import { enqueueAssignmentNotification } from "@/lib/notifications/enqueue";
import { publishEvent } from "@/lib/realtime/bus";
import { appAccessibleBy } from "@/lib/apps/access";
import { AUTO_ASSIGNED_DETAIL } from "./auto-assign-detail";
import { checkAssignee } from "./assign-conversation";
import { isUuid } from "@/lib/ids";

export type AutoAssignCandidate = { id: string; openConversations: number; lastAssignedAt: Date | null };

export type AutoAssignOutcome =
  | { assigned: true; assigneeId: string }
  | { assigned: false; reason: "not_applicable" | "nobody_available" | "everyone_at_limit" };

/**
 * SPEC §13, the order of who gets the next conversation: fewest open conversations first,
 * ties to whoever has waited longest since their last assignment (never assigned: first),
 * then by id so the order is total. Candidates at or over `limit` are left out.
 */
export function rankCandidates(candidates: AutoAssignCandidate[], limit: number | null): AutoAssignCandidate[] {
  return candidates
    .filter((candidate) => limit === null || candidate.openConversations < limit)
    .sort(
      (a, b) =>
        a.openConversations - b.openConversations ||
        (a.lastAssignedAt?.getTime() ?? -Infinity) - (b.lastAssignedAt?.getTime() ?? -Infinity) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/**
 * Active, available users with access to the app, each with their open conversations across
 * the workspace (the person's whole load, not just this app's) and their last assignment.
 */
export async function loadAutoAssignCandidates(db: Executor, app: MessagingApp): Promise<AutoAssignCandidate[]> {
  const rows = await db
    .select({
      id: users.id,
      openConversations: sql<number>`(select count(*) from ${conversations} c
        where c.assignee_id = ${users.id} and c.status = 'open' and c.deleted_at is null)`.mapWith(Number),
      // Epoch milliseconds: the drivers disagree on how a raw timestamptz comes back.
      lastAssignedMs: sql<number | null>`(select extract(epoch from max(a.occurred_at)) * 1000 from ${conversationActivities} a
        where a.target_user_id = ${users.id} and a.kind = 'assigned')`.mapWith((value) => (value === null ? null : Number(value))),
    })
    .from(users)
    .innerJoin(messagingApps, eq(messagingApps.id, app.id))
    .where(
      and(
        eq(users.isActive, true),
        eq(users.isAvailable, true),
        appAccessibleBy({ userId: users.id, workspaceId: users.workspaceId }),
      ),
    );
  return rows.map((row) => ({
    id: row.id,
    openConversations: row.openConversations,
    lastAssignedAt: row.lastAssignedMs === null ? null : new Date(row.lastAssignedMs),
  }));
}

/**
 * Gives a new conversation to the next teammate by rankCandidates, if its app has
 * auto-assignment on and it is still open and unassigned. Decisions of one workspace run one
 * at a time (a transaction-scoped advisory lock taken after the conversation's row lock, as
 * a manual assignment locks the conversation before its assignee): two new conversations
 * racing for one remaining slot each count the other's assignment, so only one gets it.
 * The assignee is then checked and locked exactly as for a manual assignment (checkAssignee),
 * notified the same way, and the thread gets an activity line without an actor.
 */
export async function autoAssignConversation(tx: Transaction, conversationId: string): Promise<AutoAssignOutcome> {
  if (!isUuid(conversationId)) return { assigned: false, reason: "not_applicable" };
  const [found] = await tx
    .select({ conversation: conversations, app: messagingApps })
    .from(conversations)
    .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
    .where(and(eq(conversations.id, conversationId), isNull(conversations.deletedAt)))
    .for("update", { of: conversations })
    .limit(1);
  if (!found) return { assigned: false, reason: "not_applicable" };
  const { conversation, app } = found;
  if (!app.autoAssign || app.uninstalledAt || conversation.status !== "open" || conversation.assigneeId !== null) {
    return { assigned: false, reason: "not_applicable" };
  }

  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`auto-assign:${app.workspaceId}`}, 0))`);
  const candidates = await loadAutoAssignCandidates(tx, app);
  if (candidates.length === 0) return { assigned: false, reason: "nobody_available" };
  const ranked = rankCandidates(candidates, app.autoAssignLimit);
  if (ranked.length === 0) return { assigned: false, reason: "everyone_at_limit" };

  for (const candidate of ranked) {
    // Someone may have gone unavailable or been deactivated since the candidates were read.
    const check = await checkAssignee(tx, app, candidate.id);
    if (!check.ok) continue;
    const now = new Date();
    await tx
      .update(conversations)
      .set({ assigneeId: candidate.id, lastActivityAt: now })
      .where(eq(conversations.id, conversation.id));
    const [activity] = await tx
      .insert(conversationActivities)
      .values({
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        kind: "assigned",
        actorId: null,
        targetUserId: candidate.id,
        detail: { ...AUTO_ASSIGNED_DETAIL },
        occurredAt: now,
      })
      .returning();
    await enqueueAssignmentNotification(tx, activity!);
    await publishEvent(tx, {
      type: "conversation.updated",
      workspaceId: conversation.workspaceId,
      appId: conversation.appId,
      conversationId: conversation.id,
      changes: ["assignee"],
    });
    return { assigned: true, assigneeId: candidate.id };
  }
  return { assigned: false, reason: "nobody_available" };
}
