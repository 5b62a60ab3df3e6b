"use server";

import { getDb } from "@/db/index";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/authed-action";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { setAvailability } from "@/lib/inbox/availability";
import { renameContactSchema } from "@/lib/inbox/contact-name";
import { deleteConversation } from "@/lib/inbox/delete-conversation";
import { renameContact } from "@/lib/inbox/rename-contact";
import { loadOlderThreadItems } from "@/lib/inbox/thread-page";
import { resendMessage, sendReply } from "@/lib/inbox/reply";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { MESSAGING_PATH } from "@/lib/paths";

const conversationId = z.uuid();

function refreshInbox() {
  revalidatePath(MESSAGING_PATH, "layout");
}

export const assignConversationAction = authedAction(
  z.object({ conversationId, assigneeId: z.uuid().nullable() }),
  async (actor, input) => {
    const db = await getDb();
    const result = await assignConversation(db, actor, input);
    if (result.ok) refreshInbox();
    return result;
  },
);

export const setConversationStatusAction = authedAction(
  z.object({ conversationId, status: z.enum(["open", "closed"]) }),
  async (actor, input) => {
    const db = await getDb();
    const result = await setConversationStatus(db, actor, input);
    if (result.ok) refreshInbox();
    return result;
  },
);

export const deleteConversationAction = authedAction(z.object({ conversationId }), async (actor, input) => {
  const db = await getDb();
  const result = await deleteConversation(db, actor, input.conversationId);
  if (result.ok) refreshInbox();
  return result;
});

export const renameContactAction = authedAction(renameContactSchema, async (actor, input) => {
  const db = await getDb();
  const result = await renameContact(db, actor, input);
  if (result.ok) refreshInbox();
  return result;
});

export const sendReplyAction = authedAction(
  // The length rule per provider lives in lib/inbox/reply-limits.ts; this cap only bounds the request.
  z.object({ conversationId, text: z.string().max(20_000), fileId: z.uuid().optional() }),
  async (actor, input) => {
    const db = await getDb();
    const result = await sendReply(db, actor, input);
    if (result.ok) refreshInbox();
    return result;
  },
);

export const resendMessageAction = authedAction(
  z.object({ conversationId, messageId: z.uuid() }),
  async (actor, input) => {
    const db = await getDb();
    const result = await resendMessage(db, actor, input);
    if (result.ok) refreshInbox();
    return result;
  },
);

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
