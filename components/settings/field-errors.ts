/**
 * authedAction keys field errors by the zod path ("credentials.pageId", "memberIds.2"); the form
 * shows one message per input, so the path is folded to the input's name.
 */
export function firstErrorByField(fieldErrors: Record<string, string[]> | undefined): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const [path, codes] of Object.entries(fieldErrors ?? {})) {
    const field = path.replace(/^credentials\./, "").replace(/\.\d+$/, "");
    if (codes[0] && !byField[field]) byField[field] = codes[0];
  }
  return byField;
}
