import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;

/** Spec §12: at least 10 characters and not the email itself. The one place of that rule. */
export function passwordProblem(password: string, email: string): "password_too_short" | "password_is_email" | null {
  if (password.length < MIN_PASSWORD_LENGTH) return "password_too_short";
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return "password_is_email";
  return null;
}

/** Form fields every account form shares; messages are catalog keys under `accounts.errors`. */
export const emailField = z.string().trim().toLowerCase().max(320, "email_invalid").pipe(z.email("email_invalid"));
export const nameField = z.string().trim().min(1, "name_required").max(100, "name_too_long");
export const passwordField = z.string().max(1000, "password_too_long");
