"use client";

import { useEffect, useRef } from "react";

/** A toast the page raises itself after an action, with at most one button (Undo). */
export type ActionToast = { message: string; action?: { label: string; run: () => void } };

const listeners = new Set<(toast: ActionToast) => void>();

/**
 * Shows a toast in the layout's Toaster. A module-level bus rather than a context: the toast
 * must outlive the component that raised it (close and go to next unmounts the header).
 */
export function showActionToast(toast: ActionToast): void {
  for (const listener of listeners) listener(toast);
}

export function useActionToasts(listener: (toast: ActionToast) => void): void {
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => {
    const forward = (toast: ActionToast) => ref.current(toast);
    listeners.add(forward);
    return () => {
      listeners.delete(forward);
    };
  }, []);
}
