import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { userActionMarks } from "@/db/schema";
import { ok, refuse, type Result } from "@/lib/result";
import { enqueueTestNotification } from "./enqueue";

/** "Send a test notification" pushes to every browser a user has: at most once per 10 s (SPEC §15). */
export const TEST_NOTIFICATION_INTERVAL_MS = 10_000;
const ACTION = "test_notification";

/**
 * The mark and the job in one transaction; the mark is one upsert that only moves when the
 * last one is old enough, so two clicks at once queue one job, never two.
 */
export async function requestTestNotification(db: Executor, userId: string): Promise<Result<null, "test_notification_too_soon">> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const earliest = new Date(now.getTime() - TEST_NOTIFICATION_INTERVAL_MS);
    const [marked] = await tx
      .insert(userActionMarks)
      .values({ userId, action: ACTION, lastAt: now })
      .onConflictDoUpdate({
        target: [userActionMarks.userId, userActionMarks.action],
        set: { lastAt: now },
        setWhere: sql`${userActionMarks.lastAt} <= ${earliest.toISOString()}::timestamptz`,
      })
      .returning({ lastAt: userActionMarks.lastAt });
    if (!marked) {
      const [last] = await tx
        .select({ lastAt: userActionMarks.lastAt })
        .from(userActionMarks)
        .where(and(eq(userActionMarks.userId, userId), eq(userActionMarks.action, ACTION)));
      const waitMs = (last?.lastAt.getTime() ?? now.getTime()) + TEST_NOTIFICATION_INTERVAL_MS - now.getTime();
      return refuse("test_notification_too_soon", { seconds: Math.max(1, Math.ceil(waitMs / 1000)) });
    }
    await enqueueTestNotification(tx, userId);
    return ok(null);
  });
}
