"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { authedAction } from "@/lib/auth/authed-action";
import { listConversationTemplates, sendTemplate } from "@/lib/inbox/send-template";
import { MESSAGING_PATH } from "@/lib/paths";

const conversationId = z.uuid();

/** SPEC §14: the approved WhatsApp templates the reply box offers once the 24-hour window is over. */
export const listTemplatesAction = authedAction(z.object({ conversationId }), async (actor, input) =>
  listConversationTemplates(await getDb(), actor, input.conversationId),
);

export const sendTemplateAction = authedAction(
  z.object({
    conversationId,
    contentSid: z.string().regex(/^HX[0-9a-fA-F]{32}$/),
    variables: z.record(z.string().max(64), z.string().max(1024)).refine((values) => Object.keys(values).length <= 20),
  }),
  async (actor, input) => {
    const result = await sendTemplate(await getDb(), actor, input);
    if (result.ok) revalidatePath(MESSAGING_PATH, "layout");
    return result;
  },
);
