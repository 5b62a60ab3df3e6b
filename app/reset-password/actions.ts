"use server";

import { getDb } from "@/db/index";
import { fieldErrors, formValues, type FormState } from "@/lib/accounts/form-state";
import { resetPassword, resetPasswordSchema } from "@/lib/accounts/password-reset";
import { signInWithNewPassword } from "@/lib/accounts/sign-in-after";

/** The token is the authentication here: single use, 1 hour (spec §12). */
export async function resetPasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const db = await getDb();
  const values = formValues(form, ["token", "password"]);
  const parsed = resetPasswordSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  const result = await resetPassword(db, parsed.data);
  if (!result.ok) {
    if (result.reason === "link_invalid") return { refusal: { reason: "link_invalid" } };
    return { errors: { password: result.reason } };
  }
  return signInWithNewPassword(result.value.email, parsed.data.password);
}
