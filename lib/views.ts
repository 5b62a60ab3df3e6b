import type { Conversation } from "@/db/schema";

/** Spec §3's four views and §13's Snoozed, in the order the inbox lists them. */
export const VIEWS = ["unassigned", "mine", "others", "snoozed", "closed"] as const;
export type View = (typeof VIEWS)[number];

/** The most conversations one live rows fetch may name (GET /api/inbox/rows); a browser splits more. */
export const MAX_ROWS_PER_FETCH = 50;

export function isView(value: string): value is View {
  return (VIEWS as readonly string[]).includes(value);
}

/**
 * Spec §3: which view a conversation sits in, as seen by one user; a snoozed open one sits in
 * Snoozed only (§13). The SQL in queries.ts mirrors it.
 */
export function viewOf(
  conversation: Pick<Conversation, "status" | "assigneeId"> & { snoozedUntil?: Date | null },
  viewerId: string,
): View {
  if (conversation.status === "closed") return "closed";
  if (conversation.snoozedUntil) return "snoozed";
  if (!conversation.assigneeId) return "unassigned";
  return conversation.assigneeId === viewerId ? "mine" : "others";
}

