/** Shared by the schema (lib/canned/canned-responses.ts) and the settings form's fields. */
export const CANNED_NAME_MAX = 40;
/** Below the shortest reply limit (lib/inbox/reply-limits.ts) with room for filled variables. */
export const CANNED_TEXT_MAX = 1_500;
