/** Marks an "assigned" activity line as auto-assignment's doing (it has no actor); read by the thread. */
export const AUTO_ASSIGNED_DETAIL = { via: "auto" } as const;
