"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { authedAction } from "@/lib/auth/authed-action";
import { createAndLinkRecord, linkRecord, unlinkRecord } from "@/lib/crm/links";
import { addNote, deleteNote, editNote } from "@/lib/crm/notes";
import { deleteRecord, saveDeal, saveLead, savePerson, searchRecords } from "@/lib/crm/records";
import { dealSchema, leadSchema, noteBodySchema, personSchema, RECORD_TYPES } from "@/lib/crm/schemas";
import { ok } from "@/lib/result";
import { MESSAGING_PATH, RECORD_LIST_PATHS, recordHref } from "@/lib/paths";

const recordType = z.enum(RECORD_TYPES);
const optionalId = z.uuid().optional();

export const savePersonAction = authedAction(personSchema.extend({ id: optionalId }), async (actor, { id, ...input }) => {
  const result = await savePerson(await getDb(), actor, input, id);
  if (result.ok) revalidatePath(RECORD_LIST_PATHS.person, "layout");
  return result;
});

export const saveLeadAction = authedAction(leadSchema.extend({ id: optionalId }), async (actor, { id, ...input }) => {
  const result = await saveLead(await getDb(), actor, input, id);
  if (result.ok) revalidatePath(RECORD_LIST_PATHS.lead, "layout");
  return result;
});

export const saveDealAction = authedAction(dealSchema.extend({ id: optionalId }), async (actor, { id, ...input }) => {
  const result = await saveDeal(await getDb(), actor, input, id);
  if (result.ok) revalidatePath(RECORD_LIST_PATHS.deal, "layout");
  return result;
});

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
