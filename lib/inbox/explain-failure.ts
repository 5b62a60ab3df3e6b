import { failureKey } from "./failure-reasons";

/**
 * Why a reply failed, as a reason the catalogs translate (`conversation.failure.<reason>`) and
 * whether sending it again can help. Read from the stored failure text, whose formats are ours:
 * lib/channels/whatsapp/errors.ts writes "(Twilio error 63016)", lib/channels/messenger/send.ts
 * "(Meta error 10/2018278)", lib/channels/http.ts the network and timeout texts, and
 * failure-reasons.ts the `@key` reasons of our own (docs/decisions.md, "Polish (issue 16)").
 */
export type FailureReason =
  | "outside_window"
  | "recipient_invalid"
  | "recipient_blocked"
  | "recipient_unreachable"
  | "content_rejected"
  | "app_setup"
  | "rate_limited"
  | "provider_unavailable"
  | "network"
  | "timeout"
  | "unknown_outcome"
  | "app_gone"
  | "canceled"
  | "refused";

export type FailureExplanation = {
  reason: FailureReason;
  retryable: boolean;
  provider: "twilio" | "meta" | null;
  /** The provider's code as written ("63016", "10/2018278"), kept for the detail. */
  code: string | null;
};

const RETRYABLE: ReadonlySet<FailureReason> = new Set([
  "recipient_unreachable",
  "rate_limited",
  "provider_unavailable",
  "network",
  "timeout",
  "unknown_outcome",
]);

/** Twilio error dictionary (https://www.twilio.com/docs/api/errors). */
const TWILIO: Record<string, FailureReason> = {
  "63016": "outside_window", // Failed to send freeform message because you are outside the allowed window
  "63003": "recipient_invalid", // Channel could not find To address
  "63024": "recipient_invalid", // Invalid message recipient
  "21211": "recipient_invalid", // Invalid 'To' Phone Number
  "21614": "recipient_invalid", // 'To' number is not a valid mobile number
  "30005": "recipient_invalid", // Unknown destination handset
  "30006": "recipient_invalid", // Landline or unreachable carrier
  "21610": "recipient_blocked", // Attempt to send to unsubscribed recipient
  "30004": "recipient_blocked", // Message blocked
  "30003": "recipient_unreachable", // Unreachable destination handset
  "30007": "content_rejected", // Message filtered (carrier violation)
  "63013": "content_rejected", // Channel policy violation
  "63019": "content_rejected", // Media failed to download
  "21617": "content_rejected", // The concatenated message body exceeds the 1600 character limit
  "20003": "app_setup", // Authentication error
  "21606": "app_setup", // The 'From' phone number provided is not a valid message-capable number
  "63007": "app_setup", // Twilio could not find a Channel with the From address
  "21408": "app_setup", // Permission to send an SMS has not been enabled for the region
  "20429": "rate_limited", // Too Many Requests
  "63018": "rate_limited", // Rate limit exceeded for channel
  "30001": "rate_limited", // Queue overflow
  "20500": "provider_unavailable", // Internal Server Error
  "20503": "provider_unavailable", // Service unavailable
  "30008": "provider_unavailable", // Unknown error (Twilio advises retrying)
  "63032": "provider_unavailable", // Temporary service failure (Meta)
};

/** Meta Graph / Send API codes (https://developers.facebook.com/docs/messenger-platform/error-codes). */
function metaReason(code: number, subcode: number | null): FailureReason {
  if (code === 10 && subcode === 2018278) return "outside_window";
  if (code === 551) return "recipient_blocked"; // This person isn't available right now
  if (code === 100 && subcode === 2018001) return "recipient_invalid"; // No matching user found
  if (code === 100 && subcode === 2018109) return "content_rejected"; // Attachment size exceeds the limit
  if (code === 4 || code === 17 || code === 32 || code === 613) return "rate_limited";
  if (code === 1 || code === 2 || code === 1200) return "provider_unavailable"; // unknown / service / temporary send failure
  if (code === 190 || code === 200 || code === 10 || code === 230) return "app_setup"; // token or permission
  return "refused";
}

function explained(reason: FailureReason, provider: FailureExplanation["provider"], code: string | null): FailureExplanation {
  return { reason, retryable: RETRYABLE.has(reason), provider, code };
}

export function explainFailure(stored: string | null | undefined): FailureExplanation {
  const text = stored ?? "";
  const own = failureKey(text);
  if (own === "unknown_outcome") return explained("unknown_outcome", null, null);
  if (own === "app_gone") return explained("app_gone", null, null);

  const twilio = /\(Twilio error (\d+)\)|^Twilio error (\d+)$/.exec(text);
  const twilioCode = twilio?.[1] ?? twilio?.[2];
  if (twilioCode) return explained(TWILIO[twilioCode] ?? "refused", "twilio", twilioCode);

  const meta = /\(Meta error (\d+)(?:\/(\d+))?\)/.exec(text);
  if (meta) {
    const code = Number(meta[1]);
    const subcode = meta[2] ? Number(meta[2]) : null;
    return explained(metaReason(code, subcode), "meta", meta[2] ? `${meta[1]}/${meta[2]}` : meta[1]!);
  }

  const provider = /^(?:Could not reach |Connection to )?(Twilio|Messenger)\b/.exec(text)?.[1];
  const side = provider === "Twilio" ? "twilio" : provider === "Messenger" ? "meta" : null;
  if (/did not answer within \d+ ms/.test(text)) return explained("timeout", side, null);
  if (/^Could not reach |failed mid-request/.test(text)) return explained("network", side, null);
  if (/canceled the message/.test(text)) return explained("canceled", side, null);
  const status = /answered HTTP (\d{3})/.exec(text)?.[1];
  if (status) {
    const code = Number(status);
    if (code === 429) return explained("rate_limited", side, null);
    if (code >= 500) return explained("provider_unavailable", side, null);
  }
  return explained("refused", side, null);
}

/**
 * Whether "Send again" is offered and accepted. A template is the way past the reply window,
 * so a template refused as outside the window may be tried again; every other permanent
 * refusal would only fail the same way.
 */
export function canSendAgain(message: { kind: string; failureReason: string | null }): boolean {
  const explanation = explainFailure(message.failureReason);
  return explanation.retryable || (message.kind === "template" && explanation.reason === "outside_window");
}
