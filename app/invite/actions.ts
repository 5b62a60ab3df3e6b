"use server";

import { getDb } from "@/db/index";
import { fieldErrors, formValues, keptValues, type FormState } from "@/lib/accounts/form-state";
import { signInWithNewPassword } from "@/lib/accounts/sign-in-after";
import { acceptInvitation, acceptInvitationSchema } from "@/lib/team/invitations";

/** The invitation token is the authentication here (spec §12). */
export async function acceptInvitationAction(_previous: FormState, form: FormData): Promise<FormState> {
  const db = await getDb();
  const values = formValues(form, ["token", "name", "password"]);
  const parsed = acceptInvitationSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values: keptValues(values) };
  const result = await acceptInvitation(db, parsed.data);
  if (!result.ok) {
    if (result.reason === "password_too_short" || result.reason === "password_is_email") {
      return { errors: { password: result.reason }, values: keptValues(values) };
    }
    return { refusal: { reason: result.reason }, values: keptValues(values) };
  }
  return signInWithNewPassword(result.value.email, parsed.data.password);
}
