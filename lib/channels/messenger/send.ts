import { z } from "zod";
import { callProvider, isRetryableStatus, type ProviderCallOptions } from "@/lib/channels/http";
import { graphErrorSchema, graphUrl, type GraphError } from "@/lib/channels/messenger/graph";
import type { MessengerCredentials, SendOutcome, SendRequest } from "@/lib/channels/types";

const sentSchema = z.object({ message_id: z.string().min(1) });

/** Graph's throttling codes (API, user, page, custom rate limits) come back as 4xx but pass with time. */
const THROTTLING_CODES = new Set([4, 17, 32, 613]);

function isOutsideWindow(error: GraphError): boolean {
  // Code 10 alone is a generic permission error; the subcode or the message pins it to the window.
  return (
    error.code === 10 &&
    (error.error_subcode === 2018278 || /outside of (the )?allowed window/i.test(error.message ?? ""))
  );
}

function describeRefusal(status: number, error: GraphError | null): string {
  if (!error) return `Messenger answered HTTP ${status} without error details`;
  const code = [error.code, error.error_subcode].filter((part) => part !== undefined).join("/");
  const metaCode = code ? ` (Meta error ${code})` : "";
  if (isOutsideWindow(error)) {
    const said = error.message ? ` Meta said: ${error.message}` : "";
    return `Outside Messenger's 24-hour window: the customer has to write first${metaCode}.${said}`;
  }
  return `Messenger refused the message: ${error.message ?? `HTTP ${status}`}${metaCode}`;
}

/** A Messenger message holds text or one attachment, which Meta fetches from its URL. */
function messageBody(request: SendRequest): Record<string, unknown> {
  if (!request.attachment) return { text: request.text };
  return { attachment: { type: request.attachment.type, payload: { url: request.attachment.url, is_reusable: false } } };
}

/** Sends a reply (text or an attachment) through the Send API (PROVIDERS.md §6). */
export async function sendMessengerMessage(
  credentials: MessengerCredentials,
  request: SendRequest,
  options?: ProviderCallOptions,
): Promise<SendOutcome> {
  const url = graphUrl(`${encodeURIComponent(credentials.pageId)}/messages`, {
    access_token: credentials.pageAccessToken,
  });
  const call = await callProvider(
    "Messenger",
    url,
    {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        recipient: { id: request.contactId },
        ...(request.tag ? { messaging_type: "MESSAGE_TAG", tag: request.tag } : { messaging_type: "RESPONSE" }),
        message: { ...messageBody(request), ...(request.reference ? { metadata: request.reference } : {}) },
      }),
    },
    options,
  );
  if (!call.ok) return call.outcome;
  const { status, body } = call.response;
  if (status >= 200 && status < 300) {
    const sent = sentSchema.safeParse(body);
    if (sent.success) return { kind: "sent", providerMessageId: sent.data.message_id };
    return { kind: "unknown", reason: `Messenger answered HTTP ${status} without a message id` };
  }
  const parsed = graphErrorSchema.safeParse(body);
  const error = parsed.success ? parsed.data.error : null;
  const reason = describeRefusal(status, error);
  const isThrottled = error?.code !== undefined && THROTTLING_CODES.has(error.code);
  if (isRetryableStatus(status) || error?.is_transient === true || isThrottled) {
    return { kind: "transient", reason };
  }
  return { kind: "refused", reason };
}
