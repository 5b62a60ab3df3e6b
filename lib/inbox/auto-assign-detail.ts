/** Marks an "assigned" activity line as auto-assignment's doing (it has no actor); read by the thread. */
export const AUTO_ASSIGNED_DETAIL = { via: "auto" } as const;

/** An assignment made by replying to an unassigned conversation (lib/inbox/claim-on-reply.ts). */
export const CLAIMED_BY_REPLY_DETAIL = { via: "reply" } as const;
