import type { z } from "zod";
import type { RefusalParams } from "@/lib/result";

/**
 * What an account form's server action answers (useActionState): field errors as catalog keys
 * under `accounts.errors`, or a refusal under `refusals`, with the typed values kept.
 */
export type FormState = {
  errors?: Record<string, string>;
  refusal?: { reason: string; params?: RefusalParams };
  values?: Record<string, string>;
  /** Set when the action succeeded without leaving the page. */
  done?: boolean;
  message?: Record<string, string>;
};

export const EMPTY_FORM: FormState = {};

/** The form's text fields as strings (never a File), for parsing and for refilling the form. */
export function formValues(form: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? "")]));
}

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_");
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Values refilled after a refusal never include passwords. */
export function keptValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !/password/i.test(name)));
}
