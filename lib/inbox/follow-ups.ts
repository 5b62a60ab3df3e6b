import "server-only";
import type { Transaction } from "@/db/client";
import type { Message, MessagingApp } from "@/db/schema";
import { enqueueHistoryNoteUpdates } from "@/lib/crm/history-note-job";
import { autoAssignJob } from "./auto-assign-job";
import { fetchMessengerProfileJob } from "./fetch-messenger-profile-job";

/** Work that follows a new conversation, queued in the transaction that created it. */
export async function enqueueNewConversationFollowUps(tx: Transaction, app: MessagingApp, conversationId: string) {
  // A job, not part of ingest: the webhook's transaction takes no user locks, and the
  // decision serialises per workspace without holding the webhook up (lib/inbox/auto-assign.ts).
  if (app.autoAssign) {
    await autoAssignJob.enqueue(tx, { conversationId }, { workspaceId: app.workspaceId });
  }
  if (app.provider === "messenger") {
    // Messenger webhooks carry no name: spec §3 wants the profile's, falling back to the PSID.
    await fetchMessengerProfileJob.enqueue(tx, { conversationId }, { workspaceId: app.workspaceId });
  }
}

/**
 * Work that follows every new message of a conversation, inbound or outbound. `isLinked`,
 * when the caller already knows it, spares the lookup of the conversation's CRM links.
 */
export async function enqueueMessageFollowUps(tx: Transaction, message: Pick<Message, "id" | "workspaceId" | "conversationId">, hints: { isLinked?: boolean } = {}): Promise<void> {
  if (hints.isLinked !== false) await enqueueHistoryNoteUpdates(tx, message);
}
