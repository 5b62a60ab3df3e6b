"use client";

/**
 * The open list's rows in screen order (conversation-list.tsx, search-results.tsx mark them
 * `data-list-row`; the open one is aria-current). Read from the page, not from state: "next"
 * means the row the user sees below, live updates included.
 */
export function listRows(): HTMLAnchorElement[] {
  return [...document.querySelectorAll<HTMLAnchorElement>("[data-list-row]")];
}

export function openRowIndex(rows: HTMLAnchorElement[]): number {
  return rows.findIndex((row) => row.getAttribute("aria-current") === "page");
}

/** Where "close and go to next" goes: the row below the open one, else the one above; null when it was the only one. */
export function neighbourRowHref(): string | null {
  const rows = listRows();
  const open = openRowIndex(rows);
  if (open === -1) return null;
  const neighbour = rows[open + 1] ?? rows[open - 1];
  return neighbour ? neighbour.getAttribute("href") : null;
}

/**
 * Opening a conversation from the list (a click, Enter, j/k, "close and go to next") asks for
 * focus to land in the thread it opens instead of staying on a row the page may hide, or on
 * nothing. The thread takes the request when it mounts; a page load does not ask, so it keeps
 * the browser's own start (and the skip link first).
 */
let threadFocusRequestedAt = 0;
/** A request the navigation never answered (it failed, it went elsewhere) does not linger. */
const REQUEST_TTL_MS = 10_000;

export function requestThreadFocus() {
  threadFocusRequestedAt = Date.now();
}

export function takeThreadFocusRequest(): boolean {
  const isFresh = Date.now() - threadFocusRequestedAt < REQUEST_TTL_MS;
  threadFocusRequestedAt = 0;
  return isFresh;
}
