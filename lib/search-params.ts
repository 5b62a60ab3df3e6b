/** A query-string value as Next.js hands it to a page: a repeated name counts as absent. */
export function singleParam(value: string | string[] | undefined): string | null {
  return typeof value === "string" ? value : null;
}
