import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
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
