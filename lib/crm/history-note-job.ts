import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor, Transaction } from "@/db/client";
import { conversationLinks, type Message } from "@/db/schema";
import { defineJob } from "@/lib/jobs/define-job";
import { applyHistoryNote, type HistoryNoteJob } from "./history-notes";
import { RECORD_KINDS } from "./record-kinds";
import { RECORD_TYPES } from "@/lib/record-types";

export const historyNoteJob = defineJob({
  queue: "crm.history-note",
  payload: z.object({
    conversationId: z.uuid(),
    recordType: z.enum(RECORD_TYPES),
    recordId: z.uuid(),
    /** Null: the note made on linking, holding the latest messages. */
    messageId: z.uuid().nullable(),
  }),
  // A replayed message adds nothing; every linking writes its note.
  dedupeKey: ({ messageId, recordType, recordId }) => (messageId ? `crm.history-note:${messageId}:${recordType}:${recordId}` : undefined),
  handle: (db, job) => db.transaction((tx) => applyHistoryNote(tx, job)),
});

export async function enqueueHistoryNote(db: Executor, job: HistoryNoteJob, options: { workspaceId: string }): Promise<void> {
  await historyNoteJob.enqueue(db, job, options);
}

/** Queued with each new message of a linked conversation, one job per linked record. */
export async function enqueueHistoryNoteUpdates(tx: Transaction, message: Pick<Message, "id" | "workspaceId" | "conversationId">): Promise<void> {
  const [link] = await tx.select().from(conversationLinks).where(eq(conversationLinks.conversationId, message.conversationId));
  if (!link) return;
  for (const recordType of RECORD_TYPES) {
    const recordId = link[RECORD_KINDS[recordType].column];
    if (!recordId) continue;
    await enqueueHistoryNote(tx, { conversationId: message.conversationId, recordType, recordId, messageId: message.id }, { workspaceId: message.workspaceId });
  }
}
