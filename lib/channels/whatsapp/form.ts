export type FormParams = Record<string, string | string[]>;

/**
 * Parses an `application/x-www-form-urlencoded` body into the shape Twilio signs: a name that
 * repeats becomes an array of its values (PROVIDERS.md §1.1).
 */
export function parseFormBody(rawBody: Buffer | string): FormParams {
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawBody.toString())) {
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  // fromEntries defines own properties, so a field named `__proto__` can't touch the prototype.
  return Object.fromEntries(
    [...values].map(([name, list]) => [name, list.length === 1 ? list[0] : list]),
  );
}
