"use server";

import { getDb } from "@/db/index";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { authedAction } from "@/lib/auth/authed-action";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { setAvailability } from "@/lib/inbox/availability";
import { renameContactSchema } from "@/lib/inbox/contact-name";
import { deleteConversation } from "@/lib/inbox/delete-conversation";
import { markOpenConversationRead } from "@/lib/inbox/read-markers";
import { renameContact } from "@/lib/inbox/rename-contact";
import { loadOlderThreadItems } from "@/lib/inbox/thread-page";
import { resendMessage, sendReply } from "@/lib/inbox/reply";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { MESSAGING_PATH } from "@/lib/paths";
import type { Result } from "@/lib/result";

const conversationId = z.uuid();

function refreshInbox() {
  revalidatePath(MESSAGING_PATH, "layout");
}

/** An action that changes the inbox: the change runs on the request's database, and a success re-renders the inbox. */
function inboxChange<Schema extends z.ZodType, T, Reason extends string>(
  schema: Schema,
  change: (db: Database, actor: Actor, input: z.output<Schema>) => Promise<Result<T, Reason>>,
) {
  return authedAction(schema, async (actor, input) => {
    const result = await change(await getDb(), actor, input);
    if (result.ok) refreshInbox();
    return result;
  });
}

export const assignConversationAction = inboxChange(z.object({ conversationId, assigneeId: z.uuid().nullable() }), assignConversation);

export const setConversationStatusAction = inboxChange(z.object({ conversationId, status: z.enum(["open", "closed"]) }), setConversationStatus);

export const deleteConversationAction = inboxChange(z.object({ conversationId }), (db, actor, input) => deleteConversation(db, actor, input.conversationId));

export const renameContactAction = inboxChange(renameContactSchema, renameContact);

export const sendReplyAction = inboxChange(
  // The length rule per provider lives in lib/inbox/reply-limits.ts; this cap only bounds the request.
  z.object({ conversationId, text: z.string().max(20_000), fileId: z.uuid().optional() }),
  sendReply,
);

export const resendMessageAction = inboxChange(z.object({ conversationId, messageId: z.uuid() }), resendMessage);

export const setAvailabilityAction = authedAction(z.object({ isAvailable: z.boolean() }), async (actor, input) => {
  const db = await getDb();
  const result = await setAvailability(db, actor, input.isAvailable);
  refreshInbox();
  return result;
});

export const loadOlderMessagesAction = authedAction(
  z.object({ conversationId, before: z.string().max(200) }),
  async (actor, input) => loadOlderThreadItems(await getDb(), actor, input.conversationId, input.before),
);

/** Called by the open thread (useMarkRead); nothing else on screen changes, so nothing re-renders. */
export const markConversationReadAction = authedAction(z.object({ conversationId }), async (actor, input) =>
  markOpenConversationRead(await getDb(), actor, input.conversationId),
);
