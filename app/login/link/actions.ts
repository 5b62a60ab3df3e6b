"use server";

import { AuthError } from "next-auth";
import type { FormState } from "@/lib/accounts/form-state";
import { signIn } from "@/lib/auth/index";
import { HOME_PATH } from "@/lib/paths";

/** Opening the link shows a button; pressing it signs in (a mail scanner's GET uses nothing up). */
export async function signInWithLinkAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    await signIn("magic-link", { token: String(form.get("token") ?? ""), redirectTo: HOME_PATH });
  } catch (error) {
    if (error instanceof AuthError) return { refusal: { reason: "link_invalid" } };
    throw error;
  }
  return {};
}
