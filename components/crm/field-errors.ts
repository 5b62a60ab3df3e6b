import type { z } from "zod";

/** What a save answers with: authedAction over a lib/crm function. */
export type ActionOutcome<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; reason: string; params?: Record<string, string | number>; fieldErrors?: Record<string, string[]> };

/** The same check the server makes, run first in the browser with the domain's schema. */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): { ok: true; value: z.output<Schema> } | { ok: false; reason: "invalid_input"; fieldErrors: Record<string, string[]> } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, reason: "invalid_input", fieldErrors };
}
