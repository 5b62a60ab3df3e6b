"use server";

import { getDb } from "@/db/index";
import { z } from "zod";
import { authedAction } from "@/lib/auth/authed-action";
import { preferenceMatrixSchema, savePreferences } from "@/lib/notifications/preferences";
import { pushSubscriptionSchema, removePushSubscription, savePushSubscription } from "@/lib/notifications/push-subscriptions";
import { requestTestNotification } from "@/lib/notifications/test-notification";

export const saveNotificationPreferencesAction = authedAction(preferenceMatrixSchema, async (actor, matrix) =>
  savePreferences(await getDb(), actor.userId, matrix),
);

export const subscribePushAction = authedAction(pushSubscriptionSchema, async (actor, subscription) =>
  savePushSubscription(await getDb(), actor.userId, subscription),
);

export const unsubscribePushAction = authedAction(z.object({ endpoint: z.url().max(2048) }), async (actor, input) =>
  removePushSubscription(await getDb(), actor.userId, input.endpoint),
);

export const sendTestNotificationAction = authedAction(z.object({}), async (actor) => requestTestNotification(await getDb(), actor.userId));
