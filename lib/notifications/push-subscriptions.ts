import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { pushSubscriptions, users } from "@/db/schema";
import { ok, refuse, type Result } from "@/lib/result";
import { pushEndpointRefusal } from "./push-endpoints";

/** One person's laptops, phones and browsers; a browser's 11th subscription replaces the oldest. */
export const MAX_PUSH_SUBSCRIPTIONS_PER_USER = 10;

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/);

/**
 * What a browser's PushSubscription.toJSON() gives. Whether the endpoint is one we push to is
 * the domain's rule (pushEndpointRefusal), refused with its own message, not a field error.
 */
export const pushSubscriptionSchema = z.object({
  endpoint: z.string().trim().min(1).max(2048),
  keys: z.object({ p256dh: base64url.min(80).max(120), auth: base64url.min(16).max(40) }),
  userAgent: z.string().max(400).optional(),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

/**
 * Re-subscribing the same endpoint updates it (keys rotate, or another user signs in on that
 * browser) and counts as the newest. Beyond MAX_PUSH_SUBSCRIPTIONS_PER_USER the oldest go, in
 * the same transaction, with the user's row locked so two browsers subscribing at once can't
 * leave eleven.
 */
export async function savePushSubscription(
  db: Executor,
  userId: string,
  input: PushSubscriptionInput,
): Promise<Result<{ id: string }, "push_endpoint_refused">> {
  if (pushEndpointRefusal(input.endpoint)) return refuse("push_endpoint_refused");
  const id = await db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const now = new Date();
    const [row] = await tx
      .insert(pushSubscriptions)
      .values({ userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: input.userAgent, createdAt: now })
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: { userId, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: input.userAgent, createdAt: now },
      })
      .returning({ id: pushSubscriptions.id });
    const beyond = await tx
      .select({ id: pushSubscriptions.id })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId))
      .orderBy(desc(pushSubscriptions.createdAt), desc(sql`${pushSubscriptions.id} = ${row!.id}`), desc(pushSubscriptions.id))
      .offset(MAX_PUSH_SUBSCRIPTIONS_PER_USER);
    if (beyond.length > 0) {
      await tx.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, beyond.map((old) => old.id)));
    }
    return row!.id;
  });
  return ok({ id });
}

export async function removePushSubscription(db: Executor, userId: string, endpoint: string): Promise<Result<null, never>> {
  await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
  return ok(null);
}

export async function listPushSubscriptions(db: Executor, userId: string) {
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
}
