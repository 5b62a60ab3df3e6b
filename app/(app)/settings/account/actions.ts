"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { users } from "@/db/schema";
import { eq } from "drizzle-orm";
import {
  changePassword,
  emailChangeSchema,
  nameSchema,
  passwordChangeSchema,
  requestEmailChange,
  signOutEverywhere,
  updateName,
} from "@/lib/accounts/account";
import { fieldErrors, formValues, type FormState } from "@/lib/accounts/form-state";
import { getSignedIn } from "@/lib/auth/actor";
import { signOut } from "@/lib/auth/index";
import { LOCALES } from "@/lib/i18n/locales";
import { LOGIN_PATH } from "@/lib/paths";

const SIGNED_OUT: FormState = { refusal: { reason: "signed_out" } };

/**
 * The account page's forms (spec §12). Each loads the signed-in user and their session first
 * (a password change keeps this session and ends the others), then validates, then acts.
 */
export async function updateNameAction(_previous: FormState, form: FormData): Promise<FormState> {
  const db = await getDb();
  const signedIn = await getSignedIn(db);
  if (!signedIn) return SIGNED_OUT;
  const values = formValues(form, ["name"]);
  const parsed = nameSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  await updateName(db, signedIn.actor, parsed.data);
  revalidatePath("/", "layout");
  return { done: true, values };
}

export async function requestEmailChangeAction(_previous: FormState, form: FormData): Promise<FormState> {
  const db = await getDb();
  const signedIn = await getSignedIn(db);
  if (!signedIn) return SIGNED_OUT;
  const values = formValues(form, ["email"]);
  const parsed = emailChangeSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  const result = await requestEmailChange(db, signedIn.actor, parsed.data);
  if (!result.ok) return result.reason === "email_taken" ? { errors: { email: "email_taken" }, values } : { refusal: { reason: result.reason }, values };
  return { done: true, values, message: { email: result.value.email } };
}

export async function changePasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const db = await getDb();
  const signedIn = await getSignedIn(db);
  if (!signedIn) return SIGNED_OUT;
  const parsed = passwordChangeSchema.safeParse(formValues(form, ["currentPassword", "newPassword"]));
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  const result = await changePassword(db, signedIn.actor, signedIn.sessionId, parsed.data);
  if (!result.ok) return result.reason === "wrong_password" ? { errors: { currentPassword: "wrong_password" } } : { errors: { newPassword: result.reason } };
  return { done: true };
}

const languageSchema = z.object({ locale: z.enum(LOCALES) });

export async function setAccountLanguageAction(_previous: FormState, form: FormData): Promise<FormState> {
  const db = await getDb();
  const signedIn = await getSignedIn(db);
  if (!signedIn) return SIGNED_OUT;
  const values = formValues(form, ["locale"]);
  const parsed = languageSchema.safeParse(values);
  if (!parsed.success) return { refusal: { reason: "invalid_input" }, values };
  await db.update(users).set({ locale: parsed.data.locale }).where(eq(users.id, signedIn.actor.userId));
  revalidatePath("/", "layout");
  return { done: true, values };
}

/** Every session ends, this one too; the cookie goes and the browser lands on sign-in. */
export async function signOutEverywhereAction(): Promise<void> {
  const db = await getDb();
  const signedIn = await getSignedIn(db);
  if (signedIn) await signOutEverywhere(db, signedIn.actor);
  await signOut({ redirectTo: LOGIN_PATH });
}
