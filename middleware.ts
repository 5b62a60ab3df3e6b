import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/config";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/observability/request-id";
import { LOGIN_PATH } from "@/lib/paths";

// Pages that need a session; everything else (sign-in, help, 404, the API) only gets its headers.
const SIGNED_IN_PATHS = /^\/(?:$|(?:messaging|settings|persons|leads|deals|dev)(?:\/|$))/;

/**
 * Runs on the Edge runtime, so it only looks for the session cookie and never opens the
 * database; pages and actions check the session for real (lib/auth/actor.ts). It also gives
 * every request its id (the caller's sane `X-Request-Id`, else a new one), on the request
 * headers for route handlers, actions and jobs, and on the response for the caller; and sets
 * SPEC §15's security headers with a fresh CSP nonce (lib/http/security-headers.ts).
 */
export function middleware(request: NextRequest) {
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
  const security = securityHeaders({
    nonce: newNonce(),
    development: process.env.NODE_ENV === "development",
    https: (process.env.APP_URL ?? "").startsWith("https:"),
  });
  const hasSession = SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name));
  let response: NextResponse;
  if (hasSession || !SIGNED_IN_PATHS.test(request.nextUrl.pathname)) {
    const headers = new Headers(request.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
    headers.set("Content-Security-Policy", security["Content-Security-Policy"]!);
    response = NextResponse.next({ request: { headers } });
  } else {
    const login = new URL(LOGIN_PATH, request.url);
    login.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
    response = NextResponse.redirect(login);
  }
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but build assets, so every request and response has an id and every page its
  // headers; and but webhooks: Next buffers a request's body for the middleware, which a hostile
  // 1 MiB POST turns into work before the signature check (bench:abuse). Their route wrapper
  // (observedRoute) gives them their request id. Files too: an upload is up to 16 MB, and the
  // files a provider fetches carry their own headers (lib/files/storage.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|api/webhooks/|api/files).*)"],
};
