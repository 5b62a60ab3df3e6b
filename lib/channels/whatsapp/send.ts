import { z } from "zod";
import { callProvider, isRetryableStatus, type ProviderCallOptions } from "@/lib/channels/http";
import type { SendOutcome, SendRequest, WhatsappCredentials } from "@/lib/channels/types";
import { describeTwilioError } from "@/lib/channels/whatsapp/errors";
import { getEnv } from "@/lib/env";

const createdSchema = z.object({ sid: z.string().min(1) });
const twilioErrorSchema = z.object({
  code: z.union([z.number(), z.string()]).nullish(),
  message: z.string().nullish(),
});

function messagesUrl(accountSid: string): URL {
  const base = getEnv().TWILIO_API_BASE.replace(/\/+$/, "");
  return new URL(`${base}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`);
}

/** Creates a WhatsApp message through Twilio's Messages API (PROVIDERS.md §4). */
export async function sendWhatsappMessage(
  credentials: WhatsappCredentials,
  request: SendRequest,
  options?: ProviderCallOptions,
): Promise<SendOutcome> {
  const form = new URLSearchParams({ To: request.contactId, From: credentials.sender });
  if (request.template) {
    // A template's text is Twilio's to render; a Body beside it would be sent as free-form (63016).
    form.set("ContentSid", request.template.contentSid);
    form.set("ContentVariables", JSON.stringify(request.template.variables));
  } else {
    if (request.text) form.set("Body", request.text);
    if (request.attachment) form.set("MediaUrl", request.attachment.url);
  }
  if (request.statusCallbackUrl) form.set("StatusCallback", request.statusCallbackUrl);
  const basic = Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString("base64");
  const call = await callProvider(
    "Twilio",
    messagesUrl(credentials.accountSid),
    {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: form.toString(),
    },
    options,
  );
  if (!call.ok) return call.outcome;
  const { status, body } = call.response;
  if (status >= 200 && status < 300) {
    const created = createdSchema.safeParse(body);
    if (created.success) return { kind: "sent", providerMessageId: created.data.sid };
    return { kind: "unknown", reason: `Twilio answered HTTP ${status} without a message sid` };
  }
  const parsed = twilioErrorSchema.safeParse(body);
  const error = parsed.success ? parsed.data : {};
  const reason =
    error.code || error.message
      ? describeTwilioError(error.code, error.message)
      : `Twilio answered HTTP ${status} without error details`;
  return { kind: isRetryableStatus(status) ? "transient" : "refused", reason };
}
