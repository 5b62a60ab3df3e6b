"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { authedAction } from "@/lib/auth/authed-action";
import { cannedResponseSchema, deleteCannedResponse, saveCannedResponse } from "@/lib/canned/canned-responses";
import { SETTINGS_PATHS } from "@/lib/paths";

const saveSchema = cannedResponseSchema.extend({ id: z.uuid().optional() });

/** The domain functions check the admin role; a success re-renders the list. */
export const saveCannedResponseAction = authedAction(saveSchema, async (actor, input) => {
  const result = await saveCannedResponse(await getDb(), actor, input);
  if (result.ok) revalidatePath(SETTINGS_PATHS.cannedResponses);
  return result;
});

export const deleteCannedResponseAction = authedAction(z.object({ id: z.uuid() }), async (actor, input) => {
  const result = await deleteCannedResponse(await getDb(), actor, input.id);
  if (result.ok) revalidatePath(SETTINGS_PATHS.cannedResponses);
  return result;
});
