import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { getDatabaseHandle } from "@/db/index";
import { deferNotify } from "@/lib/runtime/transaction-batch";
import { realtimeEventSchema, type RealtimeEvent } from "./events";
import { log } from "@/lib/log";

/** Lowercase on purpose: PGlite does not quote channel names. */
const EVENTS_CHANNEL = "switchboard_events";

/**
 * Sends the event to every instance's subscribers once `executor`'s transaction commits;
 * a rollback sends nothing. Identical events in one transaction arrive once. Throws on an
 * event outside its schema, whose length limits keep every event under NOTIFY's 7999 bytes.
 */
export async function publishEvent(executor: Executor, event: RealtimeEvent): Promise<void> {
  const payload = JSON.stringify(realtimeEventSchema.parse(event));
  if (deferNotify(executor, EVENTS_CHANNEL, payload)) return;
  await executor.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${payload})`);
}

type Listener = (event: RealtimeEvent) => void;

type Bus = {
  listeners: Set<Listener>;
  /** Starting and stopping the LISTEN, chained so they never overlap. */
  transitions: Promise<void>;
  /** Identifies the current LISTEN; callbacks of an earlier one compare unequal and stay silent. */
  activeListen?: object;
  unlisten?: () => Promise<void>;
};

// One LISTEN per process whatever the number of subscribers (one per open browser tab), kept
// on globalThis so hot reloads and double imports share it.
const bus: Bus = ((globalThis as { __switchboardEventBus?: Bus }).__switchboardEventBus ??= {
  listeners: new Set(),
  transitions: Promise.resolve(),
});

/**
 * Calls `listener` with every event published by any instance from now on; returns the
 * unsubscribe function. The first subscriber starts the process's LISTEN and the last one
 * to leave stops it.
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

/** Resolves once the LISTEN matches the subscribers, so events published afterwards arrive. */
export function waitUntilListening(): Promise<void> {
  return bus.transitions;
}

function syncListening(): void {
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
  } catch (error) {
    bus.activeListen = undefined;
    throw error;
  }
}

async function stopListening(): Promise<void> {
  const unlisten = bus.unlisten;
  bus.activeListen = undefined;
  bus.unlisten = undefined;
  await unlisten?.();
}

function dispatch(payload: string): void {
  const event = parseEvent(payload);
  if (!event) return;
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
