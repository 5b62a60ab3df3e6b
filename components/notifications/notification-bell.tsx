import { getDb } from "@/db/index";
import { requireUser } from "@/lib/auth/actor";
import { getPreferences } from "@/lib/notifications/preferences";
import { listPushSubscriptions } from "@/lib/notifications/push-subscriptions";
import { getVapidKeys } from "@/lib/notifications/vapid";
import { NotificationSettings } from "./notification-settings";

/**
 * The bell at the top of the conversation list (spec §6, §10), with what its dialog needs: the
 * saved preferences, the VAPID public key to subscribe with, and the push endpoints the server
 * holds for this user (a browser counts as subscribed only if its endpoint is among them).
 */
export async function NotificationBell() {
  const db = await getDb();
  const actor = await requireUser(db);
  const [preferences, subscriptions] = await Promise.all([getPreferences(db, actor.userId), listPushSubscriptions(db, actor.userId)]);
  return (
    <NotificationSettings
      preferences={preferences}
      vapidPublicKey={getVapidKeys().publicKey}
      knownEndpoints={subscriptions.map((subscription) => subscription.endpoint)}
    />
  );
}
