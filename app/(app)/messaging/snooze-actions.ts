"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/index";
import { authedAction } from "@/lib/auth/authed-action";
import { snoozeConversation, snoozeInputSchema, unsnoozeConversation, unsnoozeInputSchema } from "@/lib/snooze/snooze-conversation";
import { MESSAGING_PATH } from "@/lib/paths";

export const snoozeConversationAction = authedAction(snoozeInputSchema, async (actor, input) => {
  const db = await getDb();
  const result = await db.transaction((tx) => snoozeConversation(tx, actor, input));
  if (result.ok) revalidatePath(MESSAGING_PATH, "layout");
  return result.ok ? { ok: true as const, value: { until: result.value.until.toISOString() } } : result;
});

export const unsnoozeConversationAction = authedAction(unsnoozeInputSchema, async (actor, input) => {
  const db = await getDb();
  const result = await db.transaction((tx) => unsnoozeConversation(tx, actor, input));
  if (result.ok) revalidatePath(MESSAGING_PATH, "layout");
  return result;
});
