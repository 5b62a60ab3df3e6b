import { z } from "zod";
import { getDb } from "@/db/index";
import { defineJobHandler } from "@/lib/jobs/worker";
import { applyHistoryNote, HISTORY_NOTE_QUEUE } from "../history-notes";
import { RECORD_TYPES } from "../schemas";

const payloadSchema = z.object({
  conversationId: z.uuid(),
  recordType: z.enum(RECORD_TYPES),
  recordId: z.uuid(),
  messageId: z.uuid().nullable(),
});

defineJobHandler(HISTORY_NOTE_QUEUE, async (payload) => {
  const job = payloadSchema.parse(payload);
  const db = await getDb();
  await db.transaction((tx) => applyHistoryNote(tx, job));
});
