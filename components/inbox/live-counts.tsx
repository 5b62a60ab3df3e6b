"use client";

import { useEffect, useMemo, useSyncExternalStore } from "react";
import { formatCount, type ViewCounts } from "@/lib/inbox/count-format";
import type { View } from "@/lib/views";
import { appOf, batcher, useLiveEvents } from "./live-bus";

const FETCH_BATCH_MS = 150;

// The counts the four links show, shared by them and refreshed by CountsUpdater.
let current: { key: string; counts: ViewCounts } | null = null;
const listeners = new Set<() => void>();
const store = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  set(key: string, counts: ViewCounts) {
    current = { key, counts };
    for (const listener of listeners) listener();
  },
};

/** Events that can move a conversation between views (a new message alone cannot). */
function changesCounts(event: { type: string; changes?: string[] }): boolean {
  if (event.type === "conversation.created" || event.type === "conversation.deleted") return true;
  return event.type === "conversation.updated" && (event.changes ?? []).some((change) => change === "status" || change === "assignee" || change === "snooze");
}

/** One count beside a view's link; the server's figure until an event brings a newer one. */
export function LiveCount({ view, appId, initial }: { view: View; appId: string | null; initial: number }) {
  const key = appId ?? "";
  const value = useSyncExternalStore(
    store.subscribe,
    () => (current?.key === key ? current.counts[view] : initial),
    () => initial,
  );
  return <>{formatCount(value)}</>;
}

/** Fetches the counts (GET /api/inbox/counts) after events that change them, a burst at once. */
export function CountsUpdater({ appId, initial }: { appId: string | null; initial: ViewCounts }) {
  const key = appId ?? "";
  // A server render carries fresh counts: they replace what events fetched before.
  useEffect(() => store.set(key, initial), [key, initial]);
  const fetcher = useMemo(
    () =>
      batcher(FETCH_BATCH_MS, async () => {
        const response = await fetch(`/api/inbox/counts${appId ? `?app=${appId}` : ""}`, { cache: "no-store" });
        if (response.ok) store.set(key, ((await response.json()) as { counts: ViewCounts }).counts);
      }),
    [appId, key],
  );
  useEffect(() => () => fetcher.cancel(), [fetcher]);
  useLiveEvents((event) => {
    if (!changesCounts(event)) return false;
    if (!appId || appOf(event) === appId) fetcher.add("counts");
    // Handled only together with the list; returning false here would re-render the page.
    return false;
  });
  return null;
}
