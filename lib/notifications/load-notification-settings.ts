import "server-only";
import type { Executor } from "@/db/client";
import type { AccessSubject } from "@/lib/apps/access";
import { getPreferences } from "./preferences";
import { listPushSubscriptions } from "./push-subscriptions";
import { getVapidKeys } from "./vapid";

export type NotificationSettingsData = Awaited<ReturnType<typeof loadNotificationSettings>>;

/**
 * What the bell's dialog needs (spec §6, §10): the saved preferences, the VAPID public key to
 * subscribe with, and the push endpoints the server holds for this user (a browser counts as
 * subscribed only if its endpoint is among them).
 */
export async function loadNotificationSettings(db: Executor, subject: AccessSubject) {
  const [preferences, subscriptions] = await Promise.all([getPreferences(db, subject.userId), listPushSubscriptions(db, subject.userId)]);
  return {
    preferences,
    vapidPublicKey: getVapidKeys().publicKey,
    knownEndpoints: subscriptions.map((subscription) => subscription.endpoint),
  };
}
