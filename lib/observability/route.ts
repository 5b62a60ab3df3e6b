import "server-only";
import { log } from "@/lib/observability/log";
import { isShuttingDown } from "@/lib/runtime/shutdown-state";
import { runWithLogContext } from "./context";
import { metrics } from "./metrics";
import { REQUEST_ID_HEADER, requestIdFor } from "./request-id";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler so everything it logs or queues carries the request's id (set by the
 * middleware; a new one if it did not run), and writes one access line per request: route,
 * method, status, milliseconds. No query string, headers or body: they may hold tokens.
 */
export function observedRoute<C>(
  route: string,
  handler: Handler<C>,
  onAnswer?: (status: number, seconds: number) => void,
): Handler<C> {
  return (request, context) => {
    const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
    return runWithLogContext({ requestId }, async () => {
      const started = performance.now();
      const answered = (status: number) => {
        const seconds = (performance.now() - started) / 1000;
        onAnswer?.(status, seconds);
        const line = { route, method: request.method, status, ms: Math.round(seconds * 10_000) / 10 };
        if (status >= 500) log.error(line, "request failed");
        else log.info(line, "request");
      };
      try {
        const response = await handler(request, context);
        answered(response.status);
        withRequestId(response, requestId);
        return isShuttingDown() ? closingConnection(response) : response;
      } catch (error) {
        log.error({ route, err: error }, "route handler threw");
        answered(500);
        throw error;
      }
    });
  };
}

/** Routes the middleware skips (webhooks) still answer with their id; some responses' headers are immutable. */
function withRequestId(response: Response, requestId: string): void {
  if (response.headers.has(REQUEST_ID_HEADER)) return;
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
  } catch {
    // A redirect's or a fetched response's headers cannot change; the log line still has the id.
  }
}

/** A provider's webhook route: counted by status, and its latency observed as ingest time. */
export function observedWebhook<C>(provider: "messenger" | "whatsapp", route: string, handler: Handler<C>): Handler<C> {
  return observedRoute(route, handler, (status, seconds) => {
    metrics.webhooks.inc({ provider, status: String(status) });
    metrics.ingestSeconds.observe({ provider }, seconds);
  });
}

/**
 * While the instance shuts down, the server no longer accepts connections but keeps serving
 * the keep-alive ones it has (a provider's, the proxy's); `Connection: close` ends each after
 * its answer, so the next request opens a connection to an instance still running.
 */
function closingConnection(response: Response): Response {
  try {
    response.headers.set("Connection", "close");
    return response;
  } catch {
    // Immutable headers (a fetched response passed through): copy it.
    const headers = new Headers(response.headers);
    headers.set("Connection", "close");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
