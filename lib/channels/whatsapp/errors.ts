const HUMAN_TEXT: Record<string, string> = {
  "63016":
    "Outside the 24-hour customer service window: WhatsApp only allows template messages now (Twilio error 63016)",
};

/**
 * One description of a Twilio error for both places it shows up: an HTTP refusal on send and a
 * `failed`/`undelivered` status callback (PROVIDERS.md §4: 63016 may arrive either way).
 */
export function describeTwilioError(code: string | number | null | undefined, message?: string | null): string {
  const codeText = code === null || code === undefined || code === "" ? null : String(code);
  if (codeText && HUMAN_TEXT[codeText]) return HUMAN_TEXT[codeText];
  if (message && codeText) return `${message} (Twilio error ${codeText})`;
  if (message) return message;
  if (codeText) return `Twilio error ${codeText}`;
  return "Twilio reported a failure without an error code";
}
