import "server-only";
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { notificationPreferences } from "@/db/schema";
import { ok, type Result } from "@/lib/result";
import { DEFAULT_PREFERENCES, NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, isNotificationEvent, type PreferenceMatrix } from "./events";

const channelFlags = z.strictObject({ desktop: z.boolean(), email: z.boolean() });

/** Exactly the five events × two channels: an unknown event or channel is refused, not ignored. */
export const preferenceMatrixSchema = z.strictObject(
  Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, channelFlags])) as Record<
    (typeof NOTIFICATION_EVENTS)[number],
    typeof channelFlags
  >,
);

function withDefaults(): PreferenceMatrix {
  return structuredClone(DEFAULT_PREFERENCES);
}

export async function loadPreferences(db: Executor, userIds: string[]): Promise<Map<string, PreferenceMatrix>> {
  const result = new Map(userIds.map((userId) => [userId, withDefaults()]));
  if (userIds.length === 0) return result;
  const rows = await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds));
  for (const row of rows) {
    if (isNotificationEvent(row.event)) result.get(row.userId)![row.event][row.channel] = row.enabled;
  }
  return result;
}

export async function getPreferences(db: Executor, userId: string): Promise<PreferenceMatrix> {
  return (await loadPreferences(db, [userId])).get(userId)!;
}

export async function savePreferences(db: Executor, userId: string, matrix: PreferenceMatrix): Promise<Result<PreferenceMatrix, never>> {
  await db.transaction(async (tx) => {
    await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    await tx.insert(notificationPreferences).values(
      NOTIFICATION_EVENTS.flatMap((event) =>
        NOTIFICATION_CHANNELS.map((channel) => ({ userId, event, channel, enabled: matrix[event][channel] })),
      ),
    );
  });
  return ok(matrix);
}
