import type { NotificationChannel } from "@/db/schema";
import { NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, type NotificationEvent, type PreferenceMatrix } from "@/lib/notifications/events";

/**
 * Catalog keys for the events: next-intl reads dots in a key as nesting, so the spec's event
 * keys (`message.assigned_to_me`) can't be message keys themselves.
 */
export const EVENT_LABEL_KEYS = {
  "message.assigned_to_me": "messageAssignedToMe",
  "message.assigned_to_others": "messageAssignedToOthers",
  "message.unassigned": "messageUnassigned",
  "conversation.assigned_to_me": "conversationAssignedToMe",
  "note.mentioned": "noteMentioned",
} as const satisfies Record<NotificationEvent, string>;

export function withPreference(
  matrix: PreferenceMatrix,
  event: NotificationEvent,
  channel: NotificationChannel,
  isOn: boolean,
): PreferenceMatrix {
  return { ...matrix, [event]: { ...matrix[event], [channel]: isOn } };
}

/** Whether Save has anything to save: only the events × channels choices count, whatever else the objects hold. */
export function hasPreferenceChanges(draft: PreferenceMatrix, saved: PreferenceMatrix): boolean {
  return NOTIFICATION_EVENTS.some((event) => NOTIFICATION_CHANNELS.some((channel) => draft[event][channel] !== saved[event][channel]));
}
