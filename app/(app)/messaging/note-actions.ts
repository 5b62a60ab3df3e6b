"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/index";
import { authedAction } from "@/lib/auth/authed-action";
import { addNote, addNoteInputSchema } from "@/lib/notes/add-note";
import { MESSAGING_PATH } from "@/lib/paths";

export const addNoteAction = authedAction(addNoteInputSchema, async (actor, input) => {
  const db = await getDb();
  const result = await db.transaction((tx) => addNote(tx, actor, input));
  if (result.ok) revalidatePath(MESSAGING_PATH, "layout");
  return result;
});
