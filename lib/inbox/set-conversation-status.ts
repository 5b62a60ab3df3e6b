import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { conversationActivities, conversations } from "@/db/schema";
import { ok, refuse, type Result } from "@/lib/result";
import { publishEvent } from "@/lib/realtime/bus";
import { lockAccessibleConversation, type AccessSubject } from "@/lib/apps/access";

export type StatusRefusal = "not_found" | "already_in_state";

/**
 * Close conversation / Reopen (spec §5): any user with access. The assignee is kept, so a
 * reopened conversation returns to the view its assignment says.
 */
export async function setConversationStatus(
  db: Executor,
  actor: AccessSubject,
  input: { conversationId: string; status: "open" | "closed" },
): Promise<Result<{ status: "open" | "closed" }, StatusRefusal>> {
  return db.transaction(async (tx) => {
    const found = await lockAccessibleConversation(tx, actor, input.conversationId);
    if (!found) return refuse("not_found");
    const { conversation } = found;
    if (conversation.status === input.status) return refuse("already_in_state");
    const now = new Date();
    await tx
      .update(conversations)
      // A closed conversation is no longer snoozed: reopening it later puts it back in its view (spec §13).
      .set({ status: input.status, lastActivityAt: now, ...(input.status === "closed" ? { snoozedUntil: null } : {}) })
      .where(eq(conversations.id, conversation.id));
    await tx.insert(conversationActivities).values({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      kind: input.status === "closed" ? "closed" : "reopened",
      actorId: actor.userId,
      occurredAt: now,
    });
    await publishEvent(tx, {
      type: "conversation.updated",
      workspaceId: conversation.workspaceId,
      appId: conversation.appId,
      conversationId: conversation.id,
      changes: ["status"],
    });
    return ok({ status: input.status });
  });
}
