import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { log } from "@/lib/observability/log";
import { autoAssignConversation } from "./auto-assign";

/** One short transaction, and its notification waits for it: it runs with replies (spec §15). */
export const autoAssignJob = defineJob({
  queue: "conversation.auto-assign",
  payload: z.object({ conversationId: z.uuid() }),
  dedupeKey: ({ conversationId }) => `conversation.auto-assign:${conversationId}`,
  priority: 0,
  async handle(db, { conversationId }) {
    const outcome = await db.transaction((tx) => autoAssignConversation(tx, conversationId));
    // Nobody available or everyone at the limit: the conversation stays in Unassigned (SPEC §13).
    if (!outcome.assigned && outcome.reason !== "not_applicable") log.info({ conversationId, reason: outcome.reason }, "auto-assignment found nobody");
  },
});
