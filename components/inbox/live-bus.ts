"use client";

import { useEffect, useRef } from "react";
import type { RealtimeEvent } from "@/lib/realtime/events";

/**
 * The events the live stream sends (`lib/realtime/events.ts`). A type-only import: the
 * schema module imports the database schema, which must stay out of the browser bundle.
 */
export type LiveEvent = RealtimeEvent;

/** The conversation an event names, if any. */
export function conversationOf(event: LiveEvent): string | null {
  return "conversationId" in event ? event.conversationId : null;
}

/** The app an event belongs to, if any. */
export function appOf(event: LiveEvent): string | null {
  return "appId" in event ? event.appId : null;
}

/** Returns true when it brought its part of the screen up to date, so no page refresh is needed. */
type LiveHandler = (event: LiveEvent) => boolean;

const handlers = new Set<LiveHandler>();

/** How long events are remembered for a list that renders after them (recentlyChanged). */
const RECENT_MS = 10_000;
const recent: { conversationId: string; appId: string | null; at: number }[] = [];

/** Also on every event: a tab left open all day must not keep every event it ever heard. */
function forgetOld() {
  const since = Date.now() - RECENT_MS;
  while (recent.length > 0 && recent[0]!.at < since) recent.shift();
}

/**
 * The conversations events named in the last few seconds, of one app or all. A view's list
 * rendered on the server can predate an event that arrived while the navigation was on its
 * way and was taken by the list being left; the new list fetches these once more.
 */
export function recentlyChanged(appId: string | null): string[] {
  forgetOld();
  return [...new Set(recent.filter((entry) => !appId || entry.appId === appId).map((entry) => entry.conversationId))];
}

/**
 * Hands an event to the live components on screen (inbox list, counts, open thread). False
 * when none took it: the page then re-renders as a whole (pages without live components).
 */
export function dispatchLiveEvent(event: LiveEvent): boolean {
  const conversationId = conversationOf(event);
  if (conversationId && event.type !== "presence") {
    forgetOld();
    recent.push({ conversationId, appId: appOf(event), at: Date.now() });
  }
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

const MAX_RETRIES = 3;

/**
 * Collects ids for `delayMs` and hands them over together: a burst of events costs one request.
 * One flush runs at a time: ids arriving meanwhile wait for it, so an older answer can never
 * land after a newer one and put a stale row back on screen. A flush that throws (the server
 * busy) gets its ids back and is retried a few times, later each time. A flush gets at most
 * `maxBatch` ids; the rest follow in the next one (a busy minute can touch more rows than one
 * request may name).
 */
export function batcher(delayMs: number, flush: (ids: string[]) => Promise<void> | void, { maxBatch = Infinity } = {}) {
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let cancelled = false;
  let failures = 0;
  const schedule = () => {
    timer ??= setTimeout(run, delayMs * 2 ** failures);
  };
  const run = async () => {
    timer = undefined;
    if (inFlight || pending.size === 0) return;
    const ids = [...pending].slice(0, maxBatch);
    for (const id of ids) pending.delete(id);
    inFlight = true;
    try {
      await flush(ids);
      failures = 0;
    } catch (error) {
      console.error("[live] a batched fetch failed", error);
      if (failures < MAX_RETRIES) {
        failures++;
        for (const id of ids) pending.add(id);
      } else {
        failures = 0;
      }
    } finally {
      inFlight = false;
      if (!cancelled && pending.size > 0) schedule();
    }
  };
  return {
    add(id: string) {
      pending.add(id);
      if (!inFlight) schedule();
    },
    cancel() {
      cancelled = true;
      clearTimeout(timer);
      timer = undefined;
      pending = new Set();
    },
  };
}
