import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import webpush from "web-push";
import type { Executor } from "@/db/client";
import { pushSubscriptions } from "@/db/schema";
import { claimDelivery, finishDelivery, type DeliveryClaim } from "./deliveries";
import { pushEndpointRefusal } from "./push-endpoints";
import { pushRequestOptions } from "./push-transport";
import { getVapidKeys } from "./vapid";

/** What the service worker (public/sw.js) shows; `url` opens on click. */
export type PushPayload = { title: string; body: string; url: string; tag: string };

/**
 * Push services replace a not-yet-delivered message that has the same Topic, so a resend after
 * a crash mid-request cannot show twice (RFC 8030 §5.4).
 */
function topicFor(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 32);
}

function isRetryable(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  return status === undefined || status === 429 || status >= 500;
}

/**
 * Sends to every browser the user subscribed from, each once (its delivery key). A dead
 * subscription (404/410) is removed; a hanging or failing push service makes the job retry
 * later, after the other browsers got theirs.
 */
export async function pushToUser(db: Executor, deliveryKey: string, claim: DeliveryClaim, payload: PushPayload): Promise<void> {
  const subscriptions = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, claim.userId));
  const vapid = getVapidKeys();
  let retryable: unknown = null;
  for (const subscription of subscriptions) {
    // Checked again at send time: a row saved before the rule, or PUSH_SERVICE_HOSTS narrowed since.
    if (pushEndpointRefusal(subscription.endpoint)) continue;
    const key = `${deliveryKey}:push:${subscription.id}`;
    if (!(await claimDelivery(db, key, claim))) continue;
    try {
      await webpush.sendNotification(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify(payload),
        {
          vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
          TTL: 24 * 60 * 60,
          urgency: "high",
          topic: topicFor(key),
          ...pushRequestOptions(),
        },
      );
      await finishDelivery(db, key, "sent");
      await db.update(pushSubscriptions).set({ lastSuccessAt: new Date() }).where(eq(pushSubscriptions.id, subscription.id));
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) {
        await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscription.id));
        await finishDelivery(db, key, "failed", `Subscription gone (HTTP ${status})`);
      } else if (isRetryable(error)) {
        retryable = error;
      } else {
        await finishDelivery(db, key, "failed", `Push service answered HTTP ${status}`);
      }
    }
  }
  if (retryable) throw retryable;
}
