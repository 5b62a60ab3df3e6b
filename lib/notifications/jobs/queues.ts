export const NOTIFY_MESSAGE = "notify.message";
export const NOTIFY_ASSIGNMENT = "notify.assignment";
export const SEND_EMAIL_DIGEST = "notify.email-digest";
export const NOTIFY_TEST = "notify.test";
export const NOTIFY_MENTION = "notify.mention";

/** Lets a burst of reassignments settle, so only its final assignee hears about it (spec §5). */
export const ASSIGNMENT_NOTICE_DELAY_MS = 2_000;
/** Spec §6: at most one email per user per conversation per 5 minutes. */
export const EMAIL_WINDOW_MS = 5 * 60_000;
