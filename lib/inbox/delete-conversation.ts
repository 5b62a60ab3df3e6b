import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { conversationActivities, conversationReads, conversations, deletedMessageIds, messages } from "@/db/schema";
import { ok, refuse, type Result } from "@/lib/result";
import { publishEvent } from "@/lib/realtime/bus";
import { lockAccessibleConversation, type AccessSubject } from "@/lib/apps/access";

/** Spec §5: only the app's installer may delete, and it is shown only to them. */
export function canDeleteConversation(actor: AccessSubject, app: { installerId: string }): boolean {
  return app.installerId === actor.userId;
}

/**
 * Deletes the history for good. A tombstone row stays (no messages, no contact) so links in
 * CRM notes can say the conversation was deleted; the next message from the contact starts
 * a new conversation, because only live conversations are unique per contact.
 */
export async function deleteConversation(
  db: Executor,
  actor: AccessSubject,
  conversationId: string,
): Promise<Result<{ conversationId: string }, "not_found" | "not_installer">> {
  return db.transaction(async (tx) => {
    const found = await lockAccessibleConversation(tx, actor, conversationId);
    if (!found) return refuse("not_found");
    const { conversation, app } = found;
    if (!canDeleteConversation(actor, app)) return refuse("not_installer");
    const deleted = await tx
      .delete(messages)
      .where(eq(messages.conversationId, conversation.id))
      .returning({ providerMessageId: messages.providerMessageId });
    const providerIds = deleted.flatMap((message) => (message.providerMessageId ? [message.providerMessageId] : []));
    if (providerIds.length > 0) {
      await tx
        .insert(deletedMessageIds)
        .values(providerIds.map((providerMessageId) => ({ appId: conversation.appId, providerMessageId })))
        .onConflictDoNothing();
    }
    await tx.delete(conversationActivities).where(eq(conversationActivities.conversationId, conversation.id));
    await tx.delete(conversationReads).where(eq(conversationReads.conversationId, conversation.id));
    await tx
      .update(conversations)
      .set({ deletedAt: new Date(), lastMessagePreview: null, lastMessageAuthorId: null, lastMessageDirection: null, assigneeId: null, contactName: "", externalContactId: "" })
      .where(eq(conversations.id, conversation.id));
    await publishEvent(tx, {
      type: "conversation.deleted",
      workspaceId: conversation.workspaceId,
      appId: conversation.appId,
      conversationId: conversation.id,
    });
    return ok({ conversationId: conversation.id });
  });
}
