import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction, Executor } from "@/db/client";
import { conversations, files, messages, type Attachment, type Conversation, type Message, type MessagingApp, type Provider } from "@/db/schema";
import { TEXT_CONTENT, toColumns, type MessageContent } from "@/db/message-content";
import { appUrl } from "@/lib/env";
import { attachmentTypeOf } from "@/lib/files/file-rules";
import { sendReplyJob } from "./send-reply-job";
import { publishEvent } from "@/lib/realtime/bus";
import { ok, refuse, type Result } from "@/lib/result";
import { lastInboundAt } from "@/lib/content/last-inbound";
import { replyWindow } from "@/lib/content/reply-window";
import { lockAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { claimOnReply } from "./claim-on-reply";
import { canSendAgain } from "./explain-failure";
import { enqueueMessageFollowUps } from "./follow-ups";
import { messagePreview } from "@/lib/content/message-preview";
import { markConversationRead } from "./read-markers";
import { checkReplyText } from "./reply-limits";
import { isUuid } from "@/lib/ids";

export type ReplyRefusal = "not_found" | "empty_reply" | "reply_too_long" | "not_failed" | "not_retryable" | "outside_reply_window" | "file_not_found";

/**
 * No dedupe key: each enqueue is a send the user asked for, and the job itself refuses to
 * send a message that is no longer pending, so a retried or re-run job never sends twice.
 */
async function queueSend(tx: Transaction, conversation: Conversation, message: Message, isNew: boolean): Promise<void> {
  await sendReplyJob.enqueue(tx, { messageId: message.id }, { workspaceId: message.workspaceId });
  const scope = { workspaceId: conversation.workspaceId, appId: conversation.appId, conversationId: conversation.id, messageId: message.id };
  await publishEvent(tx, isNew ? { type: "message.created", ...scope } : { type: "message.updated", ...scope, deliveryState: "pending" });
}

/** What an outbound message holds; the rows are written and queued by queueOutbound. */
export type OutboundDraft = {
  text: string;
  attachments?: Attachment[];
  content?: MessageContent;
};

/**
 * Stores outbound messages as pending, in order, moves the conversation's preview to the last
 * and queues each send (spec §8): the user sees them at once and the provider call happens in
 * a job. A reply to an unassigned open conversation claims it for the replier (claimOnReply).
 * The caller holds the conversation's lock.
 */
export async function queueOutbound(
  tx: Transaction,
  actor: AccessSubject,
  found: { conversation: Conversation; app: MessagingApp },
  drafts: OutboundDraft[],
): Promise<Message[]> {
  const { conversation } = found;
  const now = new Date();
  await claimOnReply(tx, actor, conversation, found.app, now);
  const stored: Message[] = [];
  for (const [index, draft] of drafts.entries()) {
    const [message] = await tx
      .insert(messages)
      .values({
        workspaceId: conversation.workspaceId,
        appId: conversation.appId,
        conversationId: conversation.id,
        direction: "outbound",
        text: draft.text,
        attachments: draft.attachments ?? [],
        ...toColumns(draft.content ?? TEXT_CONTENT),
        senderUserId: actor.userId,
        state: "pending",
        // A millisecond apart, so the thread shows a file before the words sent with it.
        occurredAt: new Date(now.getTime() + index),
      })
      .returning();
    stored.push(message!);
  }
  const last = drafts.at(-1)!;
  await tx
    .update(conversations)
    .set({
      lastActivityAt: now,
      lastMessagePreview: last.content?.kind === "template" ? messagePreview(last.text) : (messagePreview(last.text) ?? last.attachments?.[0]?.name ?? null),
      lastMessageKind: last.content?.kind ?? "text",
      lastMessageDirection: "outbound",
      lastMessageAuthorId: actor.userId,
      lastPreviewAt: now,
    })
    .where(eq(conversations.id, conversation.id));
  await markConversationRead(tx, conversation.id, actor.userId, now);
  for (const message of stored) {
    await queueSend(tx, conversation, message, true);
    await enqueueMessageFollowUps(tx, message);
  }
  return stored;
}

/** The attachment of an uploaded file, if it belongs to this conversation (SPEC §14). */
async function attachmentOf(tx: Transaction, conversation: Conversation, fileId: string): Promise<Attachment | null> {
  if (!isUuid(fileId)) return null;
  const [file] = await tx
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.conversationId, conversation.id), eq(files.workspaceId, conversation.workspaceId)))
    .limit(1);
  if (!file) return null;
  return { type: attachmentTypeOf(file.contentType), url: `${appUrl()}/api/files/${file.id}`, contentType: file.contentType, name: file.name, fileId: file.id };
}

const providerName = (provider: Provider) => (provider === "messenger" ? "Messenger" : "WhatsApp");

/**
 * A reply from the reply box: its text and/or one uploaded file. Messenger takes either text or
 * an attachment in one message, so a file with words becomes two messages there (file first);
 * Twilio sends the words as the file's caption.
 */
export async function sendReply(
  db: Executor,
  actor: AccessSubject,
  input: { conversationId: string; text: string; fileId?: string },
): Promise<Result<{ messageId: string }, ReplyRefusal>> {
  return db.transaction(async (tx) => {
    const found = await lockAccessibleConversation(tx, actor, input.conversationId);
    if (!found) return refuse("not_found");
    const { conversation, app } = found;
    const attachment = input.fileId ? await attachmentOf(tx, conversation, input.fileId) : null;
    if (input.fileId && !attachment) return refuse("file_not_found");
    const checked = checkReplyText(app.provider, input.text);
    if (!checked.ok && (checked.reason === "reply_too_long" || !attachment)) {
      return checked.reason === "reply_too_long"
        ? refuse("reply_too_long", { limit: checked.limit, provider: providerName(app.provider) })
        : refuse("empty_reply");
    }
    const text = checked.ok ? checked.text : "";
    // SPEC §14: after the window no free-form reply reaches the customer; refuse before storing one.
    const window = replyWindow(app.provider, await lastInboundAt(tx, conversation.id));
    if (window.kind === "template_only" || window.kind === "closed") {
      return refuse("outside_reply_window", { provider: providerName(app.provider) });
    }
    const drafts: OutboundDraft[] = !attachment
      ? [{ text }]
      : app.provider === "messenger" && text
        ? [{ text: "", attachments: [attachment] }, { text }]
        : [{ text, attachments: [attachment] }];
    const stored = await queueOutbound(tx, actor, found, drafts);
    return ok({ messageId: stored.at(-1)!.id });
  });
}

/** "Send again" on a failed reply: the same message goes back to pending with a new attempt. */
export async function resendMessage(
  db: Executor,
  actor: AccessSubject,
  input: { conversationId: string; messageId: string },
): Promise<Result<{ messageId: string }, ReplyRefusal>> {
  return db.transaction(async (tx) => {
    const found = await lockAccessibleConversation(tx, actor, input.conversationId);
    if (!found) return refuse("not_found");
    if (!isUuid(input.messageId)) return refuse("not_failed");
    const [failed] = await tx
      .select({ kind: messages.kind, state: messages.state, failureReason: messages.failureReason })
      .from(messages)
      .where(and(eq(messages.id, input.messageId), eq(messages.conversationId, found.conversation.id)))
      .limit(1);
    // A template restarts a conversation at any time; anything else waits for the customer once the window is over.
    if (failed && failed.kind !== "template") {
      const window = replyWindow(found.app.provider, await lastInboundAt(tx, found.conversation.id));
      if (window.kind === "template_only" || window.kind === "closed") {
        return refuse("outside_reply_window", { provider: providerName(found.app.provider) });
      }
    }
    // A permanent refusal (blocked, invalid recipient, outside the window, …) would only fail again.
    if (failed?.state === "failed" && !canSendAgain(failed)) return refuse("not_retryable");
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
