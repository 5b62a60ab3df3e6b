import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/index";
import { pushSubscriptions } from "@/db/schema";
import { ok, type Result } from "@/lib/result";

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/);

/** What a browser's PushSubscription.toJSON() gives; push services only speak https. */
export const pushSubscriptionSchema = z.object({
  endpoint: z
    .url({ protocol: /^https$/ })
    .max(2048),
  keys: z.object({ p256dh: base64url.min(80).max(120), auth: base64url.min(16).max(40) }),
  userAgent: z.string().max(400).optional(),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

/** Re-subscribing the same endpoint updates it (keys rotate, or another user signs in on that browser). */
export async function savePushSubscription(userId: string, input: PushSubscriptionInput): Promise<Result<{ id: string }, never>> {
  const db = await getDb();
  const [row] = await db
    .insert(pushSubscriptions)
    .values({ userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: input.userAgent })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { userId, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: input.userAgent },
    })
    .returning({ id: pushSubscriptions.id });
  return ok({ id: row!.id });
}

export async function removePushSubscription(userId: string, endpoint: string): Promise<Result<null, never>> {
  const db = await getDb();
  await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
  return ok(null);
}

export async function listPushSubscriptions(userId: string) {
  const db = await getDb();
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
}
