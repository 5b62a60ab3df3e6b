"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/index";
import { autoAssignSettingsSchema, saveAutoAssignSettings } from "@/lib/apps/auto-assign-settings";
import { installApp, uninstallApp, updateApp } from "@/lib/apps/manage-apps";
import { installAppSchema, uninstallAppSchema, updateAppSchema } from "@/lib/apps/schemas";
import { authedAction } from "@/lib/auth/authed-action";
import { claimOnReplySettingSchema, saveClaimOnReply } from "@/lib/inbox/claim-on-reply-setting";
import { MESSAGING_PATH, SETTINGS_PATHS } from "@/lib/paths";

const SETTINGS_PATH = SETTINGS_PATHS.messagingApps;

export const installAppAction = authedAction(installAppSchema, async (actor, input) => {
  const db = await getDb();
  const result = await installApp(db, actor, input);
  if (result.ok) revalidatePath(SETTINGS_PATH);
  return result;
});

export const updateAppAction = authedAction(updateAppSchema, async (actor, input) => {
  const db = await getDb();
  const result = await updateApp(db, actor, input);
  if (result.ok) revalidatePath(SETTINGS_PATH);
  return result;
});

export const uninstallAppAction = authedAction(uninstallAppSchema, async (actor, input) => {
  const db = await getDb();
  const result = await uninstallApp(db, actor, input.appId);
  // Spec §2: the app's conversations leave every inbox at once.
  if (result.ok) {
    revalidatePath(SETTINGS_PATH);
    revalidatePath(MESSAGING_PATH, "layout");
  }
  return result;
});

export const saveAutoAssignAction = authedAction(autoAssignSettingsSchema, async (actor, input) => {
  const result = await saveAutoAssignSettings(await getDb(), actor, input);
  if (result.ok) revalidatePath(SETTINGS_PATH);
  return result;
});

export const saveClaimOnReplyAction = authedAction(claimOnReplySettingSchema, async (actor, input) => {
  const result = await saveClaimOnReply(await getDb(), actor, input);
  if (result.ok) revalidatePath(SETTINGS_PATH);
  return result;
});
