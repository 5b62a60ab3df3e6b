/**
 * spec §8: only `http:` and `https:` URLs ever become links or image sources. Anything else
 * (`javascript:`, `data:`, `file:`, relative paths) is kept as plain text or dropped.
 * Browser-safe: the UI uses the same check.
 */
export function isHttpUrl(s: string): boolean {
  if (!URL.canParse(s)) return false;
  const { protocol } = new URL(s);
  return protocol === "http:" || protocol === "https:";
}
