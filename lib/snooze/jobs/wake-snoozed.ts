import { z } from "zod";
import { getDb } from "@/db/index";
import { defineJobHandler } from "@/lib/jobs/worker";
import { wakeSnoozedConversation } from "../snooze-conversation";
import { WAKE_SNOOZED } from "./queues";

const payloadSchema = z.object({ conversationId: z.uuid(), until: z.iso.datetime({ offset: true }) });

defineJobHandler(WAKE_SNOOZED, async (payload) => {
  const { conversationId, until } = payloadSchema.parse(payload);
  const db = await getDb();
  await db.transaction((tx) => wakeSnoozedConversation(tx, { conversationId, until: new Date(until) }));
});
