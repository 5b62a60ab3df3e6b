"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/index";
import { safeCallbackPath } from "@/lib/auth/callback-url";

export type LoginState = { error: "invalid" | "rate_limited" | null; email: string };

export async function loginAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "");
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
