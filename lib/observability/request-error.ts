import type { Instrumentation } from "next";
import { log } from "@/lib/observability/log";
import { REQUEST_ID_HEADER, saneRequestId } from "./request-id";

/**
 * Next's onRequestError: a page, action or route that threw, as one JSON line with its request
 * id. The path loses its query string (a sign-in link's token lives there); the headers stay out.
 */
export const logRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const header = request.headers[REQUEST_ID_HEADER];
  log.error(
    {
      requestId: saneRequestId(Array.isArray(header) ? header[0] : header),
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      routeType: context.routeType,
      digest: typeof error === "object" && error && "digest" in error ? String(error.digest) : undefined,
      err: error,
    },
    "request failed",
  );
};
