import { AsyncLocalStorage } from "node:async_hooks";
import { REQUEST_ID_HEADER, saneRequestId } from "./request-id";

/** What every log line written inside a request or a job carries. */
export type LogContext = { requestId?: string; jobId?: string; queue?: string };

// One store per process even when Next evaluates this module in several bundles
// (instrumentation runs the job worker, route handlers run requests).
const storage: AsyncLocalStorage<LogContext> = ((
  globalThis as { __switchboardLogContext?: AsyncLocalStorage<LogContext> }
).__switchboardLogContext ??= new AsyncLocalStorage<LogContext>());

export function runWithLogContext<T>(context: LogContext, run: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, run);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/**
 * The request id to stamp on a job being queued: the surrounding request's or job's (a job
 * queueing follow-up work passes its id on), else the one the middleware put on the request
 * headers (server actions and pages, which no wrapper of ours surrounds), else none (scripts).
 */
export async function currentRequestId(): Promise<string | undefined> {
  const stored = storage.getStore()?.requestId;
  if (stored) return stored;
  try {
    const { headers } = await import("next/headers");
    return saneRequestId((await headers()).get(REQUEST_ID_HEADER));
  } catch {
    // Outside a request scope (the worker, scripts, tests): no request to name.
    return undefined;
  }
}
