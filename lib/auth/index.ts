import "server-only";
import { randomBytes } from "node:crypto";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/index";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { clientAddress } from "@/lib/http/client-address";
import { keptSecret } from "@/lib/runtime/data-dir";
import { checkCredentials } from "./credentials";
import { authConfig } from "./config";
import { log } from "@/lib/log";

class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

// Lazy: the database opens on the first auth call, never while `next build` imports this file.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    ...authConfig,
    logger: {
      // A wrong password is an expected refusal, not a server error worth a stack trace. By
      // `type`: a production build minifies the class names `name` comes from.
      error(error: Error) {
        if ((error as { type?: string }).type !== "CredentialsSignin") log.error({ err: error }, "Auth.js reported an error");
      },
    },
    secret: process.env.AUTH_SECRET ?? keptSecret("auth-secret", () => randomBytes(32).toString("base64url")),
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const result = await checkCredentials(credentials, clientAddress(request.headers));
          if (result.ok) return result.user;
          if (result.reason === "rate_limited") throw new SignInRateLimited();
          return null;
        },
      }),
    ],
  };
});
