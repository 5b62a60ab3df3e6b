import { z } from "zod";
import { getDb } from "@/db/index";
import { defineJobHandler } from "@/lib/jobs/worker";
import { log } from "@/lib/log";
import { autoAssignConversation } from "../auto-assign";
import { AUTO_ASSIGN } from "./queues";

const payloadSchema = z.object({ conversationId: z.uuid() });

defineJobHandler(AUTO_ASSIGN, async (payload) => {
  const { conversationId } = payloadSchema.parse(payload);
  const db = await getDb();
  const outcome = await db.transaction((tx) => autoAssignConversation(tx, conversationId));
  // Nobody available or everyone at the limit: the conversation stays in Unassigned (SPEC §13).
  if (!outcome.assigned && outcome.reason !== "not_applicable") log.info({ conversationId, reason: outcome.reason }, "auto-assignment found nobody");
});
