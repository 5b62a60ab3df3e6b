import "server-only";
import { eq, inArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { notificationPreferences, type NotificationChannel } from "@/db/schema";
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

/** A stored choice: one event on one channel. */
export type PreferenceRow = { event: string; channel: NotificationChannel; enabled: boolean };

/** The defaults with the user's stored choices applied; a row of an event that no longer exists is ignored. */
export function preferenceMatrixOf(rows: readonly PreferenceRow[]): PreferenceMatrix {
  const matrix = withDefaults();
  for (const row of rows) {
    if (isNotificationEvent(row.event)) matrix[row.event][row.channel] = row.enabled;
  }
  return matrix;
}

/**
 * The user's stored choices as rows (`PreferenceRow[]`, JSON), for a query that loads users
 * to read with preferenceMatrixOf without a second round trip.
 */
export function storedPreferenceRows(userId: SQLWrapper): SQL<PreferenceRow[]> {
  return sql<PreferenceRow[]>`coalesce((
    select json_agg(json_build_object('event', p.event, 'channel', p.channel, 'enabled', p.enabled))
    from ${notificationPreferences} p where p.user_id = ${userId}), '[]'::json)`;
}

export async function loadPreferences(db: Executor, userIds: string[]): Promise<Map<string, PreferenceMatrix>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds));
  return new Map(userIds.map((userId) => [userId, preferenceMatrixOf(rows.filter((row) => row.userId === userId))]));
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
