import type { NotificationChannel } from "@/db/schema";

export const NOTIFICATION_EVENTS = [
  "message.assigned_to_me",
  "message.assigned_to_others",
  "message.unassigned",
  "conversation.assigned_to_me",
  // Spec §13: someone mentioned the user in a private note.
  "note.mentioned",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_CHANNELS = ["desktop", "email"] as const satisfies readonly NotificationChannel[];

export type PreferenceMatrix = Record<NotificationEvent, Record<NotificationChannel, boolean>>;

/**
 * Spec §6: both channels for the two "…to me" events, desktop only for unassigned, nothing for
 * others'; spec §13: both for a mention.
 */
export const DEFAULT_PREFERENCES: PreferenceMatrix = {
  "message.assigned_to_me": { desktop: true, email: true },
  "message.assigned_to_others": { desktop: false, email: false },
  "message.unassigned": { desktop: true, email: false },
  "conversation.assigned_to_me": { desktop: true, email: true },
  "note.mentioned": { desktop: true, email: true },
};

export function isNotificationEvent(value: string): value is NotificationEvent {
  return (NOTIFICATION_EVENTS as readonly string[]).includes(value);
}

/** Which event a new message is for one user, by the assignment when the message was stored. */
export function messageEventFor(userId: string, assigneeId: string | null): NotificationEvent {
  if (!assigneeId) return "message.unassigned";
  return assigneeId === userId ? "message.assigned_to_me" : "message.assigned_to_others";
}
