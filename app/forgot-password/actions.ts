"use server";

import { getDb } from "@/db/index";
import { requestClient } from "@/lib/accounts/client-address";
import { fieldErrors, formValues, type FormState } from "@/lib/accounts/form-state";
import { forgotPasswordSchema, requestPasswordReset } from "@/lib/accounts/password-reset";

/** Signed out by nature; the same answer whether or not the email is known (spec §12). */
export async function forgotPasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const db = await getDb();
  const values = formValues(form, ["email"]);
  const parsed = forgotPasswordSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  const result = await requestPasswordReset(db, parsed.data.email, await requestClient());
  if (!result.ok) return { refusal: { reason: result.reason }, values };
  return { done: true, values };
}
