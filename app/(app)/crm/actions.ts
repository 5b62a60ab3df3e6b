"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { authedAction } from "@/lib/auth/authed-action";
import { createAndLinkRecord, linkRecord, unlinkRecord } from "@/lib/crm/links";
import { addNote, deleteNote, editNote } from "@/lib/crm/notes";
import { deleteRecord, saveRecord, searchRecords } from "@/lib/crm/records";
import { dealSchema, leadSchema, noteBodySchema, personSchema, RECORD_SCHEMAS, type RecordInput } from "@/lib/crm/schemas";
import { RECORD_TYPES, type RecordType } from "@/lib/record-types";
import { ok } from "@/lib/result";
import { MESSAGING_PATH, RECORD_LIST_PATHS, recordHref } from "@/lib/paths";

const recordType = z.enum(RECORD_TYPES);
const optionalId = z.uuid().optional();

/** Each kind's save action: its own schema, so a refused field is named as the form names it. */
function saveRecordAction<K extends RecordType>(type: K) {
  // Zod cannot type `.extend` on "one of the kinds' schemas"; for each kind it is exactly this.
  const schema = RECORD_SCHEMAS[type].extend({ id: optionalId }) as unknown as z.ZodType<
    RecordInput<K> & { id?: string },
    z.input<(typeof RECORD_SCHEMAS)[K]> & { id?: string }
  >;
  return authedAction(schema, async (actor, { id, ...input }) => {
    const result = await saveRecord(await getDb(), actor, type, input as RecordInput<K>, id);
    if (result.ok) revalidatePath(RECORD_LIST_PATHS[type], "layout");
    return result;
  });
}

export const savePersonAction = saveRecordAction("person");
export const saveLeadAction = saveRecordAction("lead");
export const saveDealAction = saveRecordAction("deal");

export const deleteRecordAction = authedAction(z.object({ type: recordType, id: z.uuid() }), async (actor, input) => {
  const db = await getDb();
  const result = await deleteRecord(db, actor, input.type, input.id);
  if (result.ok) revalidatePath(RECORD_LIST_PATHS[input.type], "layout");
  return result;
});

export const addNoteAction = authedAction(
  z.object({ type: recordType, recordId: z.uuid(), body: noteBodySchema }),
  async (actor, input) => {
    const db = await getDb();
    const result = await addNote(db, actor, input);
    if (result.ok) revalidatePath(recordHref(input.type, input.recordId));
    return result;
  },
);

export const editNoteAction = authedAction(z.object({ noteId: z.uuid(), body: noteBodySchema }), async (actor, input) => {
  const db = await getDb();
  const result = await editNote(db, actor, input);
  if (result.ok) revalidatePath("/", "layout");
  return result;
});

export const deleteNoteAction = authedAction(z.object({ noteId: z.uuid() }), async (actor, input) => {
  const db = await getDb();
  const result = await deleteNote(db, actor, input.noteId);
  if (result.ok) revalidatePath("/", "layout");
  return result;
});

export const searchRecordsAction = authedAction(
  z.object({ type: recordType, query: z.string().max(200) }),
  async (actor, input) => ok(await searchRecords(await getDb(), actor, input.type, input.query)),
);

export const linkRecordAction = authedAction(
  z.object({ conversationId: z.uuid(), type: recordType, recordId: z.uuid() }),
  async (actor, input) => {
    const db = await getDb();
    const result = await linkRecord(db, actor, input);
    if (result.ok) revalidatePath(MESSAGING_PATH, "layout");
    return result;
  },
);

export const unlinkRecordAction = authedAction(z.object({ conversationId: z.uuid(), type: recordType }), async (actor, input) => {
  const db = await getDb();
  const result = await unlinkRecord(db, actor, input);
  if (result.ok) revalidatePath(MESSAGING_PATH, "layout");
  return result;
});

export const createAndLinkRecordAction = authedAction(
  z.object({ conversationId: z.uuid() }).and(
    z.discriminatedUnion("type", [
      z.object({ type: z.literal("person"), input: personSchema }),
      z.object({ type: z.literal("lead"), input: leadSchema }),
      z.object({ type: z.literal("deal"), input: dealSchema }),
    ]),
  ),
  async (actor, { conversationId, ...record }) => {
    const db = await getDb();
    const result = await createAndLinkRecord(db, actor, conversationId, record);
    if (result.ok) revalidatePath(MESSAGING_PATH, "layout");
    return result;
  },
);
