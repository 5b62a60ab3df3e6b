import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/config";

/**
 * Runs on the Edge runtime, so it only looks for the session cookie and never opens the
 * database; pages and actions check the session for real (lib/auth/actor.ts).
 */
export function middleware(request: NextRequest) {
  const hasSession = SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/messaging/:path*", "/settings/:path*", "/persons/:path*", "/leads/:path*", "/deals/:path*", "/dev/:path*", "/"],
};
