"use server";

import { z } from "zod";
import { getDb } from "@/db/index";
import { authedAction } from "@/lib/auth/authed-action";
import { enqueueTestNotification } from "@/lib/notifications/enqueue";
import { preferenceMatrixSchema, savePreferences } from "@/lib/notifications/preferences";
import { pushSubscriptionSchema, removePushSubscription, savePushSubscription } from "@/lib/notifications/push-subscriptions";
import { ok } from "@/lib/result";

export const saveNotificationPreferencesAction = authedAction(preferenceMatrixSchema, (actor, matrix) =>
  savePreferences(actor.userId, matrix),
);

export const subscribePushAction = authedAction(pushSubscriptionSchema, (actor, subscription) =>
  savePushSubscription(actor.userId, subscription),
);

export const unsubscribePushAction = authedAction(z.object({ endpoint: z.url().max(2048) }), (actor, input) =>
  removePushSubscription(actor.userId, input.endpoint),
);

export const sendTestNotificationAction = authedAction(z.object({}), async (actor) => {
  await enqueueTestNotification(await getDb(), actor.userId);
  return ok(null);
});
