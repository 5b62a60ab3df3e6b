import type { Refusal } from "./refusals";
import type { z } from "zod";

/** Values the refusal's text needs, e.g. `{ name: "Bob" }` for "Bob is unavailable…". */
export type RefusalParams = Record<string, string | number>;

export type Result<T, Reason extends string> =
  | { ok: true; value: T }
  | { ok: false; reason: Reason; params?: RefusalParams };

export const ok = <T>(value: T) => ({ ok: true as const, value });
export const refuse = <Reason extends Refusal>(reason: Reason, params?: RefusalParams) =>
  params ? { ok: false as const, reason, params } : { ok: false as const, reason };

/** Zod's messages by the issue's path ("credentials.pageId", "phones.2"; "_" for the whole input). */
export type FieldErrors = Record<string, string[]>;

/** What a server action built with authedAction answers, as the browser sees it. */
export type ActionResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; reason: string; params?: RefusalParams; fieldErrors?: FieldErrors };

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}
