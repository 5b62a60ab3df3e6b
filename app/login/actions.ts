"use server";

import { getDb } from "@/db/index";
import { AuthError, CredentialsSignin } from "next-auth";
import { requestClient } from "@/lib/accounts/client-address";
import { forgotPasswordSchema } from "@/lib/accounts/password-reset";
import { signIn } from "@/lib/auth/index";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { requestMagicLink } from "@/lib/auth/magic-link";

export type LoginState = {
  error: "invalid" | "rate_limited" | "email_invalid" | null;
  email: string;
  /** The magic link (spec §12) was asked for: the same answer whether or not the email is known. */
  linkSent?: boolean;
};

export async function loginAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "");
  // The form's second button, "Email me a sign-in link", shares its Email field.
  if (form.get("intent") === "magic-link") return emailSignInLink(email);
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? ""),
      redirectTo: safeCallbackPath(form.get("callbackUrl")),
    });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors are a failed sign-in.
    if (error instanceof CredentialsSignin) {
      return { error: error.code === "rate_limited" ? "rate_limited" : "invalid", email };
    }
    if (error instanceof AuthError) return { error: "invalid", email };
    throw error;
  }
  return { error: null, email };
}

async function emailSignInLink(email: string): Promise<LoginState> {
  const db = await getDb();
  const parsed = forgotPasswordSchema.safeParse({ email });
  if (!parsed.success) return { error: "email_invalid", email };
  const result = await requestMagicLink(db, parsed.data.email, await requestClient());
  if (!result.ok) return { error: result.reason === "rate_limited" ? "rate_limited" : "invalid", email };
  return { error: null, email, linkSent: true };
}
