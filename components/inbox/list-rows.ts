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
