import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { wakeSnoozedConversation } from "./wake";

/** Due at the snooze's end; snoozing again queues a new one, and this one then finds nothing to do. */
export const wakeSnoozedJob = defineJob({
  queue: "snooze.wake",
  payload: z.object({ conversationId: z.uuid(), until: z.iso.datetime({ offset: true }) }),
  dedupeKey: ({ conversationId, until }) => `snooze.wake:${conversationId}:${until}`,
  handle: async (db, { conversationId, until }) => {
    await db.transaction((tx) => wakeSnoozedConversation(tx, { conversationId, until: new Date(until) }));
  },
});
