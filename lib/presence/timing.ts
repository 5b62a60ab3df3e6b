/**
 * Spec §13: a viewer or typist is gone from others' screens within 15 s of leaving. Browsers
 * repeat "viewing" every HEARTBEAT_MS and drop an entry not refreshed within its TTL, so a tab
 * that vanished without saying "left" (a crash, a lost network) disappears by itself.
 */
export const PRESENCE_HEARTBEAT_MS = 5_000;
export const VIEWING_TTL_MS = 12_000;
/** "typing" is repeated at most this often while keys are pressed. */
export const TYPING_REPEAT_MS = 2_000;
export const TYPING_TTL_MS = 5_000;

export const PRESENCE_STATES = ["viewing", "typing", "left"] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];
