"use server";

import { z } from "zod";
import { authedAction } from "@/lib/auth/authed-action";
import { preferenceMatrixSchema, savePreferences } from "@/lib/notifications/preferences";
import { pushSubscriptionSchema, removePushSubscription, savePushSubscription } from "@/lib/notifications/push-subscriptions";
import { requestTestNotification } from "@/lib/notifications/test-notification";

export const saveNotificationPreferencesAction = authedAction(preferenceMatrixSchema, (actor, matrix) =>
  savePreferences(actor.userId, matrix),
);

export const subscribePushAction = authedAction(pushSubscriptionSchema, (actor, subscription) =>
  savePushSubscription(actor.userId, subscription),
);

export const unsubscribePushAction = authedAction(z.object({ endpoint: z.url().max(2048) }), (actor, input) =>
  removePushSubscription(actor.userId, input.endpoint),
);

export const sendTestNotificationAction = authedAction(z.object({}), (actor) => requestTestNotification(actor.userId));
