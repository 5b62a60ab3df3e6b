import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/index";
import { conversations, messages, type Conversation, type Message } from "@/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import { publishEvent } from "@/lib/realtime/bus";
import { ok, refuse, type Result } from "@/lib/result";
import { lastInboundAt } from "@/lib/content/last-inbound";
import { replyWindow } from "@/lib/content/reply-window";
import { lockAccessibleConversation, type AccessSubject } from "./access";
import { enqueueMessageFollowUps } from "./follow-ups";
import { SEND_REPLY } from "./jobs/queues";
import { messagePreview } from "./message-preview";
import { markConversationReadIn } from "./read-markers";
import { checkReplyText } from "./reply-limits";
import { isUuid } from "./views";

export type ReplyRefusal = "not_found" | "empty_reply" | "reply_too_long" | "not_failed" | "outside_reply_window";

/**
 * No dedupe key: each enqueue is a send the user asked for, and the job itself refuses to
 * send a message that is no longer pending, so a retried or re-run job never sends twice.
 */
async function queueSend(tx: Transaction, conversation: Conversation, message: Message, isNew: boolean): Promise<void> {
  await enqueueJob(tx, SEND_REPLY, { messageId: message.id }, { workspaceId: message.workspaceId });
  const scope = { workspaceId: conversation.workspaceId, appId: conversation.appId, conversationId: conversation.id, messageId: message.id };
  await publishEvent(tx, isNew ? { type: "message.created", ...scope } : { type: "message.updated", ...scope, deliveryState: "pending" });
}

/**
 * Stores the reply as pending and queues its sending (spec §8): the user sees it at once and
 * the provider call happens in a job. Replying does not assign.
 */
export async function sendReply(
  actor: AccessSubject,
  input: { conversationId: string; text: string },
): Promise<Result<{ messageId: string }, ReplyRefusal>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const found = await lockAccessibleConversation(tx, actor, input.conversationId);
    if (!found) return refuse("not_found");
    const { conversation, app } = found;
    const checked = checkReplyText(app.provider, input.text);
    if (!checked.ok) {
      return checked.reason === "reply_too_long"
        ? refuse("reply_too_long", { limit: checked.limit, provider: app.provider === "messenger" ? "Messenger" : "WhatsApp" })
        : refuse("empty_reply");
    }
    // SPEC §14: after the window no free-form reply reaches the customer; refuse before storing one.
    const window = replyWindow(app.provider, await lastInboundAt(tx, conversation.id));
    if (window.kind === "template_only" || window.kind === "closed") {
      return refuse("outside_reply_window", { provider: app.provider === "messenger" ? "Messenger" : "WhatsApp" });
    }
    const now = new Date();
    const [message] = await tx
      .insert(messages)
      .values({
        workspaceId: conversation.workspaceId,
        appId: conversation.appId,
        conversationId: conversation.id,
        direction: "outbound",
        text: checked.text,
        senderUserId: actor.userId,
        state: "pending",
        occurredAt: now,
      })
      .returning();
    await tx
      .update(conversations)
      .set({ lastActivityAt: now, lastMessagePreview: messagePreview(checked.text), lastMessageKind: "text", lastPreviewAt: now })
      .where(eq(conversations.id, conversation.id));
    await markConversationReadIn(tx, conversation.id, actor.userId, now);
    await queueSend(tx, conversation, message!, true);
    await enqueueMessageFollowUps(tx, message!);
    return ok({ messageId: message!.id });
  });
}

/** "Send again" on a failed reply: the same message goes back to pending with a new attempt. */
export async function resendMessage(
  actor: AccessSubject,
  input: { conversationId: string; messageId: string },
): Promise<Result<{ messageId: string }, ReplyRefusal>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const found = await lockAccessibleConversation(tx, actor, input.conversationId);
    if (!found) return refuse("not_found");
    if (!isUuid(input.messageId)) return refuse("not_failed");
    const [message] = await tx
      .update(messages)
      // A new attempt is a new provider message: the failed one's id (e.g. a Twilio SID that
      // failed later through its status callback) must not make the job think it was sent.
      .set({ state: "pending", failureReason: null, sendStartedAt: null, sendAttempts: 0, providerMessageId: null })
      .where(
        and(
          eq(messages.id, input.messageId),
          eq(messages.conversationId, found.conversation.id),
          eq(messages.direction, "outbound"),
          eq(messages.state, "failed"),
        ),
      )
      .returning();
    if (!message) return refuse("not_failed");
    await queueSend(tx, found.conversation, message, false);
    return ok({ messageId: message.id });
  });
}
