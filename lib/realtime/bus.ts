import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { getDatabaseHandle } from "@/db/index";
import { deferNotify } from "@/db/transaction-batch";
import { realtimeEventSchema, type RealtimeEvent } from "./events";
import { log } from "@/lib/observability/log";

/** Lowercase on purpose: PGlite does not quote channel names. */
const EVENTS_CHANNEL = "switchboard_events";

/**
 * Sends the event to every instance's subscribers once `executor`'s transaction commits;
 * a rollback sends nothing. Identical events in one transaction arrive once. Throws on an
 * event outside its schema, whose length limits keep every event under NOTIFY's 7999 bytes.
 */
export async function publishEvent(executor: Executor, event: RealtimeEvent): Promise<void> {
  const payload = eventPayload(event);
  if (deferNotify(executor, EVENTS_CHANNEL, payload)) return;
  await executor.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${payload})`);
}

/**
 * The `pg_notify(…)` call publishing `event`, for a statement that sends it only when it also
 * wrote something (deliverEventOnce): one round trip instead of a write and a publish.
 */
export function eventNotification(event: RealtimeEvent): SQL {
  return sql`pg_notify(${EVENTS_CHANNEL}, ${eventPayload(event)})`;
}

function eventPayload(event: RealtimeEvent): string {
  return JSON.stringify(realtimeEventSchema.parse(event));
}

type Listener = (event: RealtimeEvent) => void;

type Bus = {
  listeners: Set<Listener>;
  /** Starting and stopping the LISTEN, chained so they never overlap. */
  transitions: Promise<void>;
  /** Identifies the current LISTEN; callbacks of an earlier one compare unequal and stay silent. */
  activeListen?: object;
  unlisten?: () => Promise<void>;
  /** When the current LISTEN began receiving (ms); unset while none is active. */
  listeningSince?: number;
  /** The latest events received, oldest first, bounded by RECENT_EVENTS_KEPT and RECENT_EVENTS_MS. */
  recent: { at: number; event: RealtimeEvent }[];
  /** Received time of the newest event that fell out of `recent`: nothing before it can be replayed. */
  forgottenUntil: number;
  /** The pending stop once the last subscriber left (LISTEN_LINGER_MS). */
  lingering?: ReturnType<typeof setTimeout>;
};

/**
 * How far back a new stream can catch up (eventsSince): a page rendered, then its stream
 * connected a moment later; whatever happened between the two is replayed instead of lost.
 */
const RECENT_EVENTS_MS = 30_000;
const RECENT_EVENTS_KEPT = 1_000;
/** Clock skew between instances and the render's own duration: replaying an event twice is harmless. */
export const REPLAY_MARGIN_MS = 2_000;

// One LISTEN per process whatever the number of subscribers (one per open browser tab), kept
// on globalThis so hot reloads and double imports share it.
const bus: Bus = ((globalThis as { __switchboardEventBus?: Bus }).__switchboardEventBus ??= {
  listeners: new Set(),
  transitions: Promise.resolve(),
  recent: [],
  forgottenUntil: 0,
});

/**
 * Calls `listener` with every event published by any instance from now on; returns the
 * unsubscribe function. The first subscriber starts the process's LISTEN; it stops a few
 * minutes (LISTEN_LINGER_MS) after the last one left.
 *
 * On PostgreSQL, postgres.js re-issues LISTEN by itself when its connection drops; events
 * published while it is down are lost, so clients should refetch after reconnecting.
 */
export function subscribeToEvents(listener: Listener): () => void {
  bus.listeners.add(listener);
  syncListening();
  return () => {
    if (bus.listeners.delete(listener)) syncListening();
  };
}

/**
 * The events this instance received since `sinceMs` (a page's render time, maybe on another
 * instance), for a stream opened just after that page to replay; `undefined` when they are not
 * all known here (no LISTEN then, or they were already forgotten), so the page must refetch.
 */
export function eventsSince(sinceMs: number): RealtimeEvent[] | undefined {
  const from = sinceMs - REPLAY_MARGIN_MS;
  // A LISTEN that stopped in between cleared what it had: listeningSince covers that gap too.
  if (bus.listeningSince === undefined || bus.listeningSince > from || bus.forgottenUntil >= from) return undefined;
  return bus.recent.filter((entry) => entry.at >= from).map((entry) => entry.event);
}

/** This server's time for a page's render, handed to its tab as `since` (components/notifications/toaster.tsx). */
export function renderTime(): number {
  return Date.now();
}

function remember(event: RealtimeEvent): void {
  const now = Date.now();
  bus.recent.push({ at: now, event });
  while (bus.recent.length > RECENT_EVENTS_KEPT || (bus.recent[0] && now - bus.recent[0].at > RECENT_EVENTS_MS)) {
    bus.forgottenUntil = bus.recent.shift()!.at;
  }
}

/** Resolves once the LISTEN matches the subscribers, so events published afterwards arrive. */
export function waitUntilListening(): Promise<void> {
  return bus.transitions;
}

/**
 * How long the LISTEN outlives its last subscriber. A page load closes the tab's old stream
 * before the new page's opens: stopping at once would leave a gap that every reload answers
 * with `resync` and a second render (eventsSince cannot vouch for it). Not under Vitest: each
 * test subscribes after its own setup and asserts exactly what arrives from then on, which a
 * LISTEN kept from the previous test would mix with that setup's NOTIFYs.
 */
const LISTEN_LINGER_MS = process.env.VITEST ? 0 : 5 * 60_000;

function syncListening(): void {
  clearTimeout(bus.lingering);
  bus.lingering = undefined;
  if (bus.listeners.size === 0 && bus.activeListen && LISTEN_LINGER_MS > 0) {
    bus.lingering = setTimeout(() => {
      bus.lingering = undefined;
      changeListening();
    }, LISTEN_LINGER_MS);
    bus.lingering.unref?.();
    return;
  }
  changeListening();
}

function changeListening(): void {
  bus.transitions = bus.transitions
    .then(async () => {
      if (bus.listeners.size > 0 && !bus.activeListen) await startListening();
      else if (bus.listeners.size === 0 && bus.activeListen) await stopListening();
    })
    .catch((error: unknown) => log.error({ err: error }, "could not change the events LISTEN"));
}

async function startListening(): Promise<void> {
  const token = {};
  bus.activeListen = token;
  try {
    const handle = await getDatabaseHandle();
    bus.unlisten = await handle.listen(EVENTS_CHANNEL, (payload) => {
      // postgres.js re-listens after a reconnect with a copy of this callback that the
      // unlisten function no longer reaches; the token keeps such a copy quiet.
      if (bus.activeListen === token) dispatch(payload);
    });
    bus.listeningSince = Date.now();
  } catch (error) {
    bus.activeListen = undefined;
    throw error;
  }
}

async function stopListening(): Promise<void> {
  const unlisten = bus.unlisten;
  bus.activeListen = undefined;
  bus.unlisten = undefined;
  bus.listeningSince = undefined;
  bus.recent = [];
  bus.forgottenUntil = 0;
  await unlisten?.();
}

function dispatch(payload: string): void {
  const event = parseEvent(payload);
  if (!event) return;
  remember(event);
  for (const listener of bus.listeners) {
    try {
      listener(event);
    } catch (error) {
      log.error({ event: event.type, err: error }, "a live-event subscriber failed");
    }
  }
}

function parseEvent(payload: string): RealtimeEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    // Not the parser's message: it quotes the payload, which may hold a toast's text.
    log.warn({ bytes: payload.length }, "ignored a live event that is not JSON");
    return undefined;
  }
  const parsed = realtimeEventSchema.safeParse(json);
  if (!parsed.success) {
    log.warn({ issues: z.prettifyError(parsed.error) }, "ignored a malformed live event");
    return undefined;
  }
  return parsed.data;
}
