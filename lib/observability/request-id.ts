// Edge-safe (middleware imports it): no Node modules here.

export const REQUEST_ID_HEADER = "x-request-id";

// A caller's id is kept only when it is short and plain, so a hostile header cannot inject
// log fields or bloat every line of the jobs it queues.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{8,128}$/;

/** The id a request runs under: the caller's `X-Request-Id` when sane, else a fresh UUID. */
export function requestIdFor(incoming: string | null | undefined): string {
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/** Reads a request id back (from a header the middleware set), refusing anything unsane. */
export function saneRequestId(value: string | null | undefined): string | undefined {
  return value && SANE_REQUEST_ID.test(value) ? value : undefined;
}
