import type { z } from "zod";
import { fieldErrorsOf, type FieldErrors } from "@/lib/result";

/** The same check the server makes, run first in the browser with the domain's schema. */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): { ok: true; value: z.output<Schema> } | { ok: false; reason: "invalid_input"; fieldErrors: FieldErrors } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reason: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) };
}
