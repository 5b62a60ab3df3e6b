"use client";

import { useLayoutEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";
import { requestThreadFocus } from "./list-rows";

const ROW = "[data-list-row]";

/**
 * The conversation list (and search's results) as one listbox with a roving tabindex: a single
 * row is in the Tab order (the one last focused, else the open one, else the first), so Tab
 * leaves the list in one step; arrows, Home and End move between rows and Enter opens one (the
 * rows stay links). Rows are the `data-list-row` links inside, marked role="option" by their list.
 */
export function RowListbox({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  const list = useRef<HTMLUListElement>(null);
  const lastFocused = useRef<string | null>(null);

  // After every render (live rows arrive, the open row changes) exactly one row stays tabbable.
  useLayoutEffect(() => {
    const rows = rowsOf(list.current);
    const active =
      rows.find((row) => row === document.activeElement) ??
      rows.find((row) => row.getAttribute("href") === lastFocused.current) ??
      rows.find((row) => row.getAttribute("aria-current") === "page") ??
      rows[0];
    for (const row of rows) row.tabIndex = row === active ? 0 : -1;
  });

  const moveTo = (row: HTMLAnchorElement | undefined) => {
    if (!row) return;
    for (const other of rowsOf(list.current)) other.tabIndex = other === row ? 0 : -1;
    row.focus();
    row.scrollIntoView({ block: "nearest" });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLUListElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    const rows = rowsOf(list.current);
    const current = rows.findIndex((row) => row === document.activeElement);
    const target =
      event.key === "ArrowDown"
        ? rows[Math.min(current + 1, rows.length - 1)]
        : event.key === "ArrowUp"
          ? rows[Math.max(current - 1, 0)]
          : event.key === "Home"
            ? rows[0]
            : event.key === "End"
              ? rows.at(-1)
              : undefined;
    if (!target) return;
    event.preventDefault();
    moveTo(target);
  };

  return (
    <ul
      ref={list}
      role="listbox"
      aria-label={label}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target instanceof HTMLAnchorElement && event.target.matches(ROW)) lastFocused.current = event.target.getAttribute("href");
      }}
      onClick={(event) => {
        // Opening a row (a click, or Enter, which clicks the link) puts focus in the thread it opens.
        if (event.target instanceof Element && event.target.closest(ROW) && !event.metaKey && !event.ctrlKey && !event.shiftKey) requestThreadFocus();
      }}
      // The ring is drawn inside the row: the list scrolls, and an outer ring would be clipped to a line.
      className={cn("min-h-0 flex-1 divide-y divide-line overflow-y-auto [&_[data-list-row]:focus-visible]:-outline-offset-2", className)}
    >
      {children}
    </ul>
  );
}

function rowsOf(list: HTMLUListElement | null): HTMLAnchorElement[] {
  return list ? [...list.querySelectorAll<HTMLAnchorElement>(ROW)] : [];
}
