import type { Conversation } from "@/db/schema";
import { isUuid } from "@/lib/ids";

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

export type Cursor = { lastActivityAt: Date; id: string };

/** Base64url without Buffer, so the live list in the browser makes the same cursors. */
export function encodeCursor(cursor: Cursor): string {
  return btoa(`${cursor.lastActivityAt.toISOString()}|${cursor.id}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Null for anything that is not a cursor we made: the view then shows its first page. */
export function decodeCursor(value: string | undefined | null): Cursor | null {
  if (!value || value.length > 200) return null;
  let text: string;
  try {
    // atob, not Buffer: this module ships to the browser too, and Buffer would bring its polyfill.
    text = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  const [iso, id, ...rest] = text.split("|");
  if (rest.length > 0 || !iso || !id || !isUuid(id)) return null;
  const lastActivityAt = new Date(iso);
  if (Number.isNaN(lastActivityAt.getTime()) || lastActivityAt.toISOString() !== iso) return null;
  return { lastActivityAt, id };
}
