export type FormParams = Record<string, string | string[]>;

/**
 * Twilio sends a few dozen parameters; 1,000 leaves room for anything it may add (SPEC §15)
 * while keeping what an unsigned body can make us sign and sort small.
 */
export const MAX_FORM_PARAMS = 1000;

const AMPERSAND = 0x26;

/**
 * How many non-empty `&`-separated fields the body holds, counting no further than `stopAfter`.
 * One `indexOf` pass, no decoding: it runs before anything else looks at an unsigned body.
 */
export function countFormFields(rawBody: Buffer | string, stopAfter = MAX_FORM_PARAMS + 1): number {
  const body = typeof rawBody === "string" ? Buffer.from(rawBody) : rawBody;
  let count = 0;
  let start = 0;
  while (start <= body.length && count < stopAfter) {
    const end = body.indexOf(AMPERSAND, start);
    const stop = end === -1 ? body.length : end;
    // URLSearchParams skips empty fields (`a&&b`), so they cost nothing and are not counted.
    if (stop > start) count++;
    if (end === -1) break;
    start = end + 1;
  }
  return count;
}

export function hasTooManyFormFields(rawBody: Buffer | string): boolean {
  return countFormFields(rawBody) > MAX_FORM_PARAMS;
}

/**
 * Parses an `application/x-www-form-urlencoded` body into the shape Twilio signs: a name that
 * repeats becomes an array of its values (PROVIDERS.md §1.1). Linear in the body: values are
 * appended in place, never copied per repetition. Callers refuse bodies over MAX_FORM_PARAMS
 * first (hasTooManyFormFields).
 */
export function parseFormBody(rawBody: Buffer | string): FormParams {
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawBody.toString())) {
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  }
  // fromEntries defines own properties, so a field named `__proto__` can't touch the prototype.
  return Object.fromEntries(
    Array.from(values, ([name, list]) => [name, list.length === 1 ? list[0]! : list]),
  );
}
