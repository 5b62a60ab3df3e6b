import { createHash, randomBytes } from "node:crypto";
import { signMessengerBody } from "@/lib/channels/messenger/sign";
import type { FormParams } from "@/lib/channels/whatsapp/form";
import { signTwilioRequest } from "@/lib/channels/whatsapp/sign";

/**
 * Correctly signed provider requests, as Meta and Twilio would send them. The simulator, the
 * benchmarks and the tests all build their webhooks here, so they share one signing path.
 */
export type SignedRequest = { url: string; headers: Record<string, string>; body: string };

/** A stable page-scoped id per display name, so repeated simulations land in one conversation. */
export function psidFor(name: string): string {
  const digits = BigInt(`0x${createHash("sha256").update(name).digest("hex").slice(0, 13)}`).toString().slice(0, 16);
  return `7${digits.padStart(15, "0")}`;
}

export function messengerMessageEvent(input: { pageId: string; psid: string; text: string; mid?: string; timestamp?: number }) {
  return {
    sender: { id: input.psid },
    recipient: { id: input.pageId },
    timestamp: input.timestamp ?? Date.now(),
    message: { mid: input.mid ?? `m_${randomBytes(12).toString("hex")}`, text: input.text },
  };
}

export function signedMessengerRequest(input: {
  baseUrl: string;
  appId: string;
  appSecret: string;
  pageId: string;
  events: object[];
}): SignedRequest {
  const body = JSON.stringify({
    object: "page",
    entry: input.events.map((event) => ({ id: input.pageId, time: Date.now(), messaging: [event] })),
  });
  return {
    url: `${input.baseUrl}/api/webhooks/messenger/${input.appId}`,
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signMessengerBody(body, input.appSecret) },
    body,
  };
}

export function twilioInboundParams(input: {
  accountSid: string;
  to: string;
  from: string;
  text: string;
  profileName?: string;
  messageSid?: string;
}): FormParams {
  const sid = input.messageSid ?? `SM${randomBytes(16).toString("hex")}`;
  return {
    MessageSid: sid,
    SmsMessageSid: sid,
    SmsSid: sid,
    AccountSid: input.accountSid,
    From: input.from,
    To: input.to,
    Body: input.text,
    NumMedia: "0",
    ...(input.profileName ? { ProfileName: input.profileName } : {}),
    WaId: input.from.replace(/^whatsapp:\+/, ""),
    SmsStatus: "received",
    ApiVersion: "2010-04-01",
  };
}

/** `path` is signed against `publicBaseUrl` (the app's APP_URL) and sent to `baseUrl`. */
export function signedTwilioRequest(input: {
  baseUrl: string;
  publicBaseUrl?: string;
  path: string;
  authToken: string;
  params: FormParams;
}): SignedRequest {
  const body = new URLSearchParams(
    Object.entries(input.params).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => [name, v])),
  ).toString();
  const signedUrl = `${input.publicBaseUrl ?? input.baseUrl}${input.path}`;
  return {
    url: `${input.baseUrl}${input.path}`,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Twilio-Signature": signTwilioRequest(input.authToken, signedUrl, input.params),
    },
    body,
  };
}

export async function send(request: SignedRequest): Promise<Response> {
  return fetch(request.url, { method: "POST", headers: request.headers, body: request.body });
}
