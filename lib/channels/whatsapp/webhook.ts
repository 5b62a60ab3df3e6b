import { appUrl } from "@/lib/env";
import type { WebhookChannel } from "@/lib/channels/types";
import { hasTooManyFormFields, parseFormBody } from "./form";
import { parseTwilioInbound, parseTwilioStatus } from "./parse-webhook";
import { verifyTwilioSignature } from "./verify-signature";

/** Twilio signs the public URL it called; behind a proxy that is APP_URL, not the request's own host. */
function publicUrl(request: Request): string {
  const url = new URL(request.url);
  return `${appUrl()}${url.pathname}${url.search}`;
}

function twilioChannel(parse: typeof parseTwilioInbound): WebhookChannel {
  return {
    provider: "whatsapp",
    // The signature covers every parameter, so the form is parsed before it can be checked.
    refuseUnsigned: (rawBody) => (hasTooManyFormFields(rawBody) ? { ok: false, reason: "too_large" } : null),
    isSigned: (found, rawBody, request) =>
      found.provider === "whatsapp" &&
      verifyTwilioSignature(
        found.credentials.authToken,
        request.headers.get("x-twilio-signature"),
        publicUrl(request),
        parseFormBody(rawBody),
      ),
    parse: (_found, rawBody) => parse(parseFormBody(rawBody)),
  };
}

export const whatsappInboundWebhook = twilioChannel(parseTwilioInbound);
export const whatsappStatusWebhook = twilioChannel(parseTwilioStatus);
