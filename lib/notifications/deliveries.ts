import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { queryRows, type Executor } from "@/db/client";
import { notificationDeliveries, type NotificationChannel } from "@/db/schema";
import { metrics } from "@/lib/observability/metrics";

export type DeliveryClaim = { userId: string; channel: NotificationChannel; event: string; conversationId: string | null };

/**
 * Claims one delivery by its unique key. False when it was already sent (or given up on), so
 * a retried job skips it; true for a new one and for one whose earlier attempt never finished.
 */
export async function claimDelivery(db: Executor, key: string, claim: DeliveryClaim): Promise<boolean> {
  const created = await db
    .insert(notificationDeliveries)
    .values({ deliveryKey: key, ...claim })
    .onConflictDoNothing({ target: notificationDeliveries.deliveryKey })
    .returning({ id: notificationDeliveries.id });
  if (created.length > 0) return true;
  const [existing] = await db
    .select({ status: notificationDeliveries.status })
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.deliveryKey, key));
  return existing?.status === "sending";
}

/**
 * Records the delivery under `key` as sent and runs `notification` (a `pg_notify` call), both
 * only if it was not sent before: one statement, so a toast costs one round trip and a retried
 * job never shows it twice. A row left `sending` by an earlier attempt is taken over.
 */
export async function deliverEventOnce(db: Executor, key: string, claim: DeliveryClaim, notification: SQL): Promise<boolean> {
  const { userId, channel, event, conversationId } = claim;
  const rows = await queryRows<{ sent: number }>(db, sql`
    with delivered as (
      insert into ${notificationDeliveries} (delivery_key, user_id, channel, event, conversation_id, status, sent_at)
      values (${key}, ${userId}, ${channel}, ${event}, ${conversationId}, 'sent', now())
      on conflict (delivery_key) do update set status = 'sent', sent_at = now()
        where ${notificationDeliveries}.status = 'sending'
      returning 1
    )
    select 1 as sent, ${notification} from delivered`);
  const delivered = rows.length > 0;
  if (delivered) metrics.notifications.inc({ kind: deliveryKind(key, channel), outcome: "sent" });
  return delivered;
}

export async function finishDelivery(db: Executor, key: string, status: "sent" | "failed" | "skipped", error?: string): Promise<void> {
  const finished = await db
    .update(notificationDeliveries)
    .set({ status, error: error?.slice(0, 500) ?? null, sentAt: status === "sent" ? new Date() : null })
    .where(and(eq(notificationDeliveries.deliveryKey, key), inArray(notificationDeliveries.status, ["sending"])))
    .returning({ channel: notificationDeliveries.channel });
  for (const { channel } of finished) metrics.notifications.inc({ kind: deliveryKind(key, channel), outcome: status });
}

/** Desktop deliveries are a web push per browser (`…:push:<id>`) or the open tab's toast. */
function deliveryKind(key: string, channel: NotificationChannel): "email" | "push" | "toast" {
  if (channel === "email") return "email";
  return key.includes(":push:") ? "push" : "toast";
}
