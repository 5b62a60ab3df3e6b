import { metrics } from "@/lib/observability/metrics";

type LiveStream = { close(retryMs: number): void };

// One set per process: the shutdown (instrumentation's bundle) closes the streams the route opened.
const open: Set<LiveStream> = ((globalThis as { __switchboardLiveStreams?: Set<LiveStream> }).__switchboardLiveStreams ??=
  new Set());

/** Counts an open SSE stream (metrics) and lets a shutdown close it; call the result when it ends. */
export function trackLiveStream(stream: LiveStream): () => void {
  open.add(stream);
  metrics.liveStreams.set(open.size);
  return () => {
    open.delete(stream);
    metrics.liveStreams.set(open.size);
  };
}

/**
 * Ends every open stream, each told to reconnect after 1–3 s (SSE `retry:`), spread so the
 * browsers do not all reconnect at once; the proxy sends them to an instance still running.
 */
export function closeLiveStreams(): number {
  const streams = [...open];
  for (const stream of streams) stream.close(1_000 + Math.floor(Math.random() * 2_000));
  return streams.length;
}
