import { z } from "zod";
import { getDb } from "@/db/index";
import { defineJobHandler, PermanentJobError } from "@/lib/jobs/worker";
import { sendEmailDigest } from "../email-digest";
import { EmailRefusedError } from "../send-email";
import { SEND_EMAIL_DIGEST } from "./queues";

const payloadSchema = z.object({ userId: z.uuid(), conversationId: z.uuid() });

defineJobHandler(SEND_EMAIL_DIGEST, async (payload) => {
  const { userId, conversationId } = payloadSchema.parse(payload);
  const db = await getDb();
  try {
    await sendEmailDigest(db, userId, conversationId);
  } catch (error) {
    if (error instanceof EmailRefusedError) throw new PermanentJobError(error.message);
    throw error;
  }
});
