"use client";

import { useEffect, useRef } from "react";

export type LiveEvent = {
  type: string;
  conversationId?: string | null;
  messageId?: string;
  appId?: string | null;
  changes?: string[];
  title?: string;
  body?: string;
  /** presence: who, and what they are doing (spec §13). */
  userId?: string;
  name?: string;
  state?: "viewing" | "typing" | "left";
};

/** Returns true when it brought its part of the screen up to date, so no page refresh is needed. */
type LiveHandler = (event: LiveEvent) => boolean;

const handlers = new Set<LiveHandler>();

/**
 * Hands an event to the live components on screen (inbox list, counts, open thread). False
 * when none took it: the page then re-renders as a whole (pages without live components).
 */
export function dispatchLiveEvent(event: LiveEvent): boolean {
  let handled = false;
  for (const handler of handlers) {
    try {
      if (handler(event)) handled = true;
    } catch (error) {
      console.error("[live] a handler failed", error);
    }
  }
  return handled;
}

/** Registers `handler` while the component is mounted; the latest closure is always called. */
export function useLiveEvents(handler: LiveHandler): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const call: LiveHandler = (event) => latest.current(event);
    handlers.add(call);
    return () => {
      handlers.delete(call);
    };
  }, []);
}

/** Collects ids for `delayMs` and hands them over together: a burst of events costs one request. */
export function batcher(delayMs: number, flush: (ids: string[]) => void) {
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    add(id: string) {
      pending.add(id);
      timer ??= setTimeout(() => {
        const ids = [...pending];
        pending = new Set();
        timer = undefined;
        flush(ids);
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending = new Set();
    },
  };
}
