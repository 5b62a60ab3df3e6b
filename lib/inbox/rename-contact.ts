import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { conversations, type Conversation } from "@/db/schema";
import { publishEvent } from "@/lib/realtime/bus";
import { ok, refuse, type Result } from "@/lib/result";
import { lockAccessibleConversation, type AccessSubject } from "@/lib/apps/access";

/**
 * A user's name for the contact. It is locked from then on: a later Messenger profile lookup or
 * a WhatsApp ProfileName no longer replaces it (lib/inbox/fetch-messenger-profile-job.ts,
 * ingest-events.ts). The conversation's unknown to a subject without access to its app.
 */
export async function renameContact(
  db: Executor,
  actor: AccessSubject,
  input: { conversationId: string; name: string },
): Promise<Result<{ name: string }, "not_found">> {
  return db.transaction(async (tx) => {
    const found = await lockAccessibleConversation(tx, actor, input.conversationId);
    if (!found) return refuse("not_found");
    const { conversation } = found;
    await tx.update(conversations).set({ contactName: input.name, isContactNameLocked: true }).where(eq(conversations.id, conversation.id));
    await announceContactChange(tx, conversation);
    return ok({ name: input.name });
  });
}

/** Tells every open inbox the contact's name changed, whoever changed it (a user, a profile lookup). */
export async function announceContactChange(db: Executor, conversation: Pick<Conversation, "id" | "workspaceId" | "appId">): Promise<void> {
  await publishEvent(db, {
    type: "conversation.updated",
    workspaceId: conversation.workspaceId,
    appId: conversation.appId,
    conversationId: conversation.id,
    changes: ["contact"],
  });
}
