/**
 * Failure reasons of our own, stored on the message as `@<key>` and shown from the catalogs
 * (`conversation.failure.<key>`); provider refusals are stored as the provider's own words.
 */
export const FAILURE = {
  unknownOutcome: "@unknown_outcome",
  appGone: "@app_gone",
} as const;

export function failureKey(reason: string): string | null {
  return reason.startsWith("@") ? reason.slice(1) : null;
}
