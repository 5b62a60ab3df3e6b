"use server";

import { getDb } from "@/db/index";
import { getLocale } from "next-intl/server";
import { fieldErrors, formValues, keptValues, type FormState } from "@/lib/accounts/form-state";
import { createWorkspaceSchema, createWorkspaceWithAdmin } from "@/lib/accounts/setup";
import { signInWithNewPassword } from "@/lib/accounts/sign-in-after";
import { isSignupAllowed } from "@/lib/accounts/signup";

const FIELDS = ["companyName", "name", "email", "password"];

async function createWorkspace(mode: "firstRun" | "signup", form: FormData): Promise<FormState> {
  const db = await getDb();
  const values = formValues(form, FIELDS);
  const parsed = createWorkspaceSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values: keptValues(values) };
  const result = await createWorkspaceWithAdmin(db, parsed.data, mode, await getLocale());
  if (!result.ok) {
    if (result.reason === "password_too_short" || result.reason === "password_is_email") {
      return { errors: { password: result.reason }, values: keptValues(values) };
    }
    if (result.reason === "email_taken") return { errors: { email: "email_taken" }, values: keptValues(values) };
    return { refusal: { reason: result.reason }, values: keptValues(values) };
  }
  return signInWithNewPassword(parsed.data.email, parsed.data.password);
}

/** /setup: no sign-in exists yet, so nothing to authenticate; refused once any workspace exists. */
export async function setupAction(_previous: FormState, form: FormData): Promise<FormState> {
  return createWorkspace("firstRun", form);
}

export async function signupAction(_previous: FormState, form: FormData): Promise<FormState> {
  if (!isSignupAllowed()) return { refusal: { reason: "not_found" } };
  return createWorkspace("signup", form);
}
