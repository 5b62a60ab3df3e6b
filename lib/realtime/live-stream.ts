import type { RealtimeEvent } from "./events";

/**
 * One browser tab's Server-Sent Events stream, bounded (SPEC §15, issue 9):
 * - at most MAX_LIVE_STREAMS_PER_USER open per user on this instance: the next one closes the
 *   oldest, which is told `event: replaced` so it stops reconnecting (components/inbox/live-updates.tsx);
 * - a stream that cannot keep up (the browser reads slower than events come, or checking who
 *   may see them falls behind) stops queueing, and once it drains is sent `event: resync`: the
 *   tab refetches the page instead of the server buffering without end.
 */
export const MAX_LIVE_STREAMS_PER_USER = 10;
/** Bytes queued for a slow reader before the stream stops adding to them. */
export const MAX_QUEUED_BYTES = 64 * 1024;
/** Events waiting for their audience check before the stream stops taking more. */
export const MAX_PENDING_EVENTS = 100;
export const HEARTBEAT_MS = 25_000;

type Subscribe = (listener: (event: RealtimeEvent) => void) => () => void;

export type LiveStreamOptions = {
  userId: string;
  signal: AbortSignal;
  subscribe: Subscribe;
  /** Whether this user may see the event (lib/realtime/audience.ts). */
  accept: (event: RealtimeEvent) => Promise<boolean>;
  heartbeatMs?: number;
  /** Registers the stream for the shutdown, which closes it with an SSE retry hint; returns the untrack function. */
  track?: (stream: { close(retryMs: number): void }) => () => void;
  /**
   * Called once, right after subscribing: the events the tab missed between its page's render
   * and this stream (lib/realtime/bus.ts eventsSince), sent first; `undefined` when they are
   * unknown, and the tab is told to resync.
   */
  catchUp?: () => RealtimeEvent[] | undefined;
  /** Logs an event that could not be delivered. */
  onError?: (error: unknown) => void;
  maxQueuedBytes?: number;
  maxPendingEvents?: number;
};

type OpenStream = { close: (reason: string) => void };

// Per user, per process (lib/realtime/live-streams.ts keeps the whole set for the shutdown).
const registry: Map<string, OpenStream[]> = ((globalThis as { __switchboardLiveStreamsByUser?: Map<string, OpenStream[]> })
  .__switchboardLiveStreamsByUser ??= new Map());

/** How many live streams the user has open on this instance (tests, metrics). */
export function openLiveStreamCount(userId: string): number {
  return registry.get(userId)?.length ?? 0;
}

/** Closes every live stream of the user on this instance, each told why (e.g. a revoked session). */
export function closeLiveStreamsOf(userId: string, reason: string): void {
  for (const stream of [...(registry.get(userId) ?? [])]) stream.close(reason);
}

const frame = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

export function createLiveStream(options: LiveStreamOptions): ReadableStream<Uint8Array> {
  const maxQueuedBytes = options.maxQueuedBytes ?? MAX_QUEUED_BYTES;
  const maxPending = options.maxPendingEvents ?? MAX_PENDING_EVENTS;
  const encoder = new TextEncoder();
  let cleanup = () => {};
  let drained = () => {};

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        /** Events were dropped: the next write once there is room is `resync`. */
        let behind = false;
        let pending = 0;
        let queue = Promise.resolve();

        const enqueue = (chunk: string) => {
          if (!closed) controller.enqueue(encoder.encode(chunk));
        };
        const hasRoom = () => (controller.desiredSize ?? 0) > -maxQueuedBytes;
        // Events checked before the stream fell behind still go out, in order; the resync follows them.
        const send = (chunk: string) => {
          if (closed) return;
          if (!hasRoom()) {
            behind = true;
            return;
          }
          enqueue(chunk);
        };
        drained = () => {
          if (!closed && behind && pending === 0 && hasRoom()) {
            behind = false;
            enqueue(frame("resync", {}));
          }
        };

        const take = (event: RealtimeEvent) => {
          if (closed) return;
          if (behind || pending >= maxPending) {
            behind = true;
            return;
          }
          pending += 1;
          // Checked one after another so the stream keeps the events' order.
          queue = queue
            .then(async () => {
              if (await options.accept(event)) send(frame(event.type, event));
            })
            .catch((error) => (options.onError ?? ((e) => console.error("Live events: could not deliver an event", e)))(error))
            .finally(() => {
              pending -= 1;
              drained();
            });
        };
        const unsubscribe = options.subscribe(take);
        // In the same tick as subscribing: an event is either missed or live, never both or neither.
        const missed = options.catchUp ? options.catchUp() : [];
        const heartbeat = setInterval(() => {
          // A comment keeps proxies from closing an idle stream; a reader that is behind gets none.
          if (hasRoom()) enqueue(": keep-alive\n\n");
          drained();
        }, options.heartbeatMs ?? HEARTBEAT_MS);

        const self: OpenStream = {
          close(reason) {
            if (closed) return;
            enqueue(frame("replaced", { reason }));
            cleanup();
            try {
              controller.close();
            } catch {
              // Already closed by the reader going away.
            }
          },
        };
        // A shutting-down instance ends the stream with a retry hint; the browser reconnects elsewhere.
        const untrack =
          options.track?.({
            close(retryMs) {
              enqueue(`retry: ${retryMs}\n\n`);
              cleanup();
              try {
                controller.close();
              } catch {
                // Already closed.
              }
            },
          }) ?? (() => {});
        cleanup = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          unsubscribe();
          untrack();
          const open = (registry.get(options.userId) ?? []).filter((stream) => stream !== self);
          if (open.length > 0) registry.set(options.userId, open);
          else registry.delete(options.userId);
        };

        const open = registry.get(options.userId) ?? [];
        // The newest tab is the one the user is looking at: the oldest makes room.
        while (open.length >= MAX_LIVE_STREAMS_PER_USER) open.shift()!.close("too_many_streams");
        registry.set(options.userId, [...(registry.get(options.userId) ?? []), self]);

        enqueue("retry: 3000\nevent: ready\ndata: {}\n\n");
        if (missed) for (const event of missed) take(event);
        else enqueue(frame("resync", {}));
        options.signal.addEventListener("abort", () => {
          cleanup();
          try {
            controller.close();
          } catch {
            // Already closed.
          }
        });
      },
      // The reader took chunks: a stream that was behind can say resync now.
      pull() {
        drained();
      },
      cancel() {
        cleanup();
      },
    },
    // Counted in bytes, so "behind" means a size, not a number of events.
    { highWaterMark: 16 * 1024, size: (chunk) => chunk.byteLength },
  );
}
