import "server-only";
import { randomBytes } from "node:crypto";
import NextAuth, { CredentialsSignin } from "next-auth";
// Auth.js callbacks are entry points: each opens the database handle and passes it down.
import { getDb } from "@/db/index";
import Credentials from "next-auth/providers/credentials";
import { clientAddress } from "@/lib/http/client-address";
import { keptSecret } from "@/lib/runtime/data-dir";
import { checkCredentials } from "./credentials";
import { authConfig } from "./config";
import { log } from "@/lib/observability/log";
import { consumeMagicLink } from "./magic-link";
import { createSession, revokeSession } from "./sessions";

class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

/**
 * Sessions are JWTs that carry the id of a server-side session row (lib/auth/sessions.ts);
 * no Auth.js adapter: both providers are ours, and one-time links have their own module
 * (docs/decisions.md, "Accounts").
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  logger: {
    // A wrong password is an expected refusal, not a server error worth a stack trace. By
    // `type`: a production build minifies the class names `name` comes from.
    error(error: Error) {
      if ((error as { type?: string }).type !== "CredentialsSignin") log.error({ err: error }, "Auth.js reported an error");
    },
  },
  secret: process.env.AUTH_SECRET ?? keptSecret("auth-secret", () => randomBytes(32).toString("base64url")),
  events: {
    async signOut(message) {
      const sessionId = "token" in message ? message.token?.sessionId : undefined;
      if (typeof sessionId === "string") await revokeSession(await getDb(), sessionId);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const db = await getDb();
        const result = await checkCredentials(db, credentials, clientAddress(request.headers));
        if (result.ok) return { ...result.user, sessionId: await createSession(db, result.user.id, request.headers.get("user-agent")) };
        if (result.reason === "rate_limited") throw new SignInRateLimited();
        return null;
      },
    }),
    Credentials({
      id: "magic-link",
      credentials: { token: {} },
      async authorize(credentials, request) {
        const db = await getDb();
        const user = await consumeMagicLink(db, credentials?.token);
        if (!user) return null;
        return { ...user, sessionId: await createSession(db, user.id, request.headers.get("user-agent")) };
      },
    }),
  ],
}));
