/**
 * authedAction keys field errors by their zod path ("credentials.pageId", "input.name",
 * "phones.2"); a form shows one message per input, so each path is folded to the input's name:
 * its last segment that is not a list index.
 */
export function firstErrorByField(fieldErrors: Record<string, string[]> | undefined): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const [path, codes] of Object.entries(fieldErrors ?? {})) {
    const field = path.split(".").filter((segment) => !/^\d+$/.test(segment)).at(-1) ?? path;
    if (codes[0] && !byField[field]) byField[field] = codes[0];
  }
  return byField;
}
