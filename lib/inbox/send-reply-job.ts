import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "@/db/client";
import { conversations, messages, messagingApps, type Message } from "@/db/schema";
import { withCredentials } from "@/lib/apps/credentials";
import { sendMessengerMessage } from "@/lib/channels/messenger/send";
import { lastInboundAt } from "@/lib/content/last-inbound";
import { replyWindow } from "@/lib/content/reply-window";
import type { SendOutcome, SendRequest } from "@/lib/channels/types";
import { readContent } from "@/db/message-content";
import { signedFileUrl } from "@/lib/files/signed-link";
import { sendWhatsappMessage } from "@/lib/channels/whatsapp/send";
import { webhookUrls } from "@/lib/channels/webhook-urls";
import { appUrl } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { publishEvent } from "@/lib/realtime/bus";
import { FAILURE } from "./failure-reasons";

type Claimed = Awaited<ReturnType<typeof claimSend>>;

/**
 * Marks the send as started in its own committed transaction before any request leaves.
 * Finding that mark already set means an earlier run died mid-request: the provider may have
 * the message, so it is failed as "unknown" for the user to check, never sent blindly again.
 */
async function claimSend(db: Database, messageId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ message: messages, conversation: conversations, app: messagingApps })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .innerJoin(messagingApps, eq(messagingApps.id, messages.appId))
      .where(eq(messages.id, messageId))
      .for("update", { of: messages })
      .limit(1);
    if (!row || row.message.state !== "pending" || row.message.providerMessageId) return null;
    if (row.app.uninstalledAt || row.conversation.deletedAt) {
      await markFailed(tx, row.message, FAILURE.appGone);
      return null;
    }
    if (row.message.sendStartedAt) {
      await markFailed(tx, row.message, FAILURE.unknownOutcome);
      return null;
    }
    await tx
      .update(messages)
      .set({ sendStartedAt: new Date(), sendAttempts: sql`${messages.sendAttempts} + 1` })
      .where(eq(messages.id, messageId));
    return row;
  });
}

/**
 * SPEC §14: an agent's file goes out as a signed link made now (it expires, so never stored);
 * a template as its ContentSid and variables.
 */
function outboundContent(message: Message): Pick<SendRequest, "attachment" | "template"> {
  const file = message.attachments.find((attachment) => attachment.fileId);
  const content = readContent(message.kind, message.payload);
  return {
    ...(file?.fileId ? { attachment: { type: file.type, url: signedFileUrl(file.fileId) } } : {}),
    ...(content.kind === "template" && content.contentSid
      ? { template: { contentSid: content.contentSid, variables: content.variables ?? {} } }
      : {}),
  };
}

async function callProvider(db: Database, claimed: NonNullable<Claimed>): Promise<SendOutcome> {
  const found = withCredentials(claimed.app);
  const request = {
    contactId: claimed.conversation.externalContactId,
    text: claimed.message.text,
    reference: claimed.message.id,
    ...outboundContent(claimed.message),
  };
  if (found.provider === "messenger") {
    const window = replyWindow("messenger", await lastInboundAt(db, claimed.conversation.id));
    return sendMessengerMessage(found.credentials, { ...request, ...(window.kind === "human_agent" ? { tag: "HUMAN_AGENT" as const } : {}) });
  }
  const { statusCallbackUrl } = webhookUrls("whatsapp", claimed.app.id, appUrl());
  return sendWhatsappMessage(found.credentials, { ...request, statusCallbackUrl: statusCallbackUrl ?? undefined });
}

async function publishState(db: Executor, message: Message, deliveryState: Message["state"]) {
  await publishEvent(db, {
    type: "message.updated",
    workspaceId: message.workspaceId,
    appId: message.appId,
    conversationId: message.conversationId,
    messageId: message.id,
    deliveryState,
  });
}

/** Inside claimSend's transaction it must use that transaction: the message row is locked there. */
async function markFailed(db: Executor, message: Message, reason: string) {
  await db
    .update(messages)
    .set({ state: "failed", failureReason: reason.slice(0, 1000), sendStartedAt: null })
    .where(and(eq(messages.id, message.id), eq(messages.state, "pending")));
  await publishState(db, message, "failed");
}

/**
 * The echo of this very message may have been stored first (as its own outbound row, when it
 * came without our reference): that row is folded into ours so the thread shows one message.
 */
async function recordSent(db: Database, message: Message, providerMessageId: string) {
  await db.transaction(async (tx) => {
    const [echo] = await tx
      .delete(messages)
      .where(
        and(eq(messages.appId, message.appId), eq(messages.providerMessageId, providerMessageId), ne(messages.id, message.id)),
      )
      .returning({ state: messages.state });
    const echoState = echo && echo.state !== "sent" && echo.state !== "received" ? echo.state : null;
    await tx
      .update(messages)
      .set({
        providerMessageId,
        sendStartedAt: null,
        state: echoState ?? sql`case when ${messages.state} = 'pending' then 'sent'::delivery_state else ${messages.state} end`,
      })
      .where(eq(messages.id, message.id));
  });
  await publishState(db, message, "sent");
}

/** Spec §15: a reply goes before notifications, emails and notes. */
export const sendReplyJob = defineJob({
  queue: "reply.send",
  payload: z.object({ messageId: z.uuid() }),
  priority: 0,
  async handle(db, { messageId }, context) {
    const claimed = await claimSend(db, messageId);
    if (!claimed) return;
    const outcome = await callProvider(db, claimed);
    switch (outcome.kind) {
      case "sent":
        return recordSent(db, claimed.message, outcome.providerMessageId);
      case "refused":
        return markFailed(db, claimed.message, outcome.reason);
      case "unknown":
        return markFailed(db, claimed.message, FAILURE.unknownOutcome);
      case "transient": {
        // Nothing reached the provider: clearing the mark makes the retry a clean first attempt.
        await db.update(messages).set({ sendStartedAt: null }).where(eq(messages.id, claimed.message.id));
        if (context.attempt >= context.maxAttempts) return markFailed(db, claimed.message, outcome.reason);
        throw new Error(outcome.reason);
      }
    }
  },
});
