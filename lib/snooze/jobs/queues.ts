export const WAKE_SNOOZED = "snooze.wake";
