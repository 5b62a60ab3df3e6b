"use client";

import { useSyncExternalStore } from "react";

/** Tailwind's breakpoints as media queries, for the few places where CSS alone cannot decide. */
export const MEDIA = {
  phone: "(max-width: 767px)",
  wide: "(min-width: 1280px)",
} as const;

/** Whether the query matches; false on the server and in the first (hydrating) render. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}
