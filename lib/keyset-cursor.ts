import { isUuid } from "@/lib/ids";

/** Where a list sorted by last activity (newest first) goes on: the inbox views, search and the CRM notes feed page by it. */
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
