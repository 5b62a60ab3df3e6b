import type { NextAuthConfig } from "next-auth";
import { safeAuthRedirect } from "./callback-url";
import { LOGIN_PATH } from "@/lib/paths";

/**
 * The edge-safe half of the Auth.js setup: no providers, no database. The Node half
 * (lib/auth/index.ts) adds those.
 */
export const authConfig = {
  pages: { signIn: LOGIN_PATH },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  // Redirects keep the host the browser used (localhost vs 127.0.0.1), so its cookie is kept.
  trustHost: true,
  providers: [],
  callbacks: {
    // Every redirect Auth.js makes (callbackUrl parameter or cookie, sign-in, sign-out) stays on our paths.
    redirect: safeAuthRedirect,
    jwt({ token, user }) {
      if (user?.id) token.userId = user.id;
      if (user?.sessionId) token.sessionId = user.sessionId;
      return token;
    },
    session({ session, token }) {
      if (typeof token.userId === "string") session.user.id = token.userId;
      if (typeof token.sessionId === "string") session.sessionId = token.sessionId;
      return session;
    },
  },
} satisfies NextAuthConfig;

/** Auth.js names its cookie `__Secure-…` over https; the middleware checks for either. */
export const SESSION_COOKIE_NAMES = ["authjs.session-token", "__Secure-authjs.session-token"];
