"use server";

import { getDb } from "@/db/index";
import type { FormState } from "@/lib/accounts/form-state";
import { confirmEmailChange } from "@/lib/accounts/account";

/** The token sent to the new address proves it is theirs (spec §12). */
export async function confirmEmailAction(_previous: FormState, form: FormData): Promise<FormState> {
  const db = await getDb();
  const result = await confirmEmailChange(db, String(form.get("token") ?? ""));
  if (!result.ok) return { refusal: { reason: result.reason } };
  return { done: true, values: { email: result.value.email } };
}
