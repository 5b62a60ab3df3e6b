import { randomInt } from "node:crypto";
import { DEMO } from "@/lib/demo/seed";
import {
  messengerMessageEvent,
  send,
  signedMessengerRequest,
  signedTwilioRequest,
  twilioInboundParams,
} from "@/lib/webhooks/signed-requests";
import { newMessengerMid } from "@/tests/stand-ins/meta";
import { twilioStatusParams } from "@/tests/stand-ins/twilio";

/**
 * Provider webhooks to the demo apps (lib/demo/seed.ts), signed with the code the simulator uses.
 * Every spec shares one database, so tests write as brand-new contacts from these helpers.
 * `baseURL` is the server's APP_URL: Twilio signs the public URL.
 */
export const DEMO_APPS = {
  messenger: { id: DEMO.messengerAppId, ...DEMO.messenger },
  whatsapp: { id: DEMO.whatsappAppId, ...DEMO.whatsapp },
} as const;

/** A WhatsApp address nobody has written from yet. */
export function newWhatsappContact(): string {
  return `whatsapp:+1555${String(randomInt(10_000_000)).padStart(7, "0")}`;
}

/** A page-scoped id nobody has written from yet. */
export function newPsid(): string {
  return `79${String(randomInt(10 ** 12)).padStart(12, "0")}${randomInt(10)}`;
}

async function expectAccepted(request: Parameters<typeof send>[0]): Promise<void> {
  const response = await send(request);
  if (response.status !== 200) throw new Error(`${request.url} answered ${response.status}: ${await response.text()}`);
}

/** An inbound WhatsApp message from `from` (its ProfileName becomes the contact name) to the demo WhatsApp app. */
export async function sendWhatsappMessage(baseURL: string, input: { from: string; profileName: string; text: string }) {
  const app = DEMO_APPS.whatsapp;
  await expectAccepted(
    signedTwilioRequest({
      baseUrl: baseURL,
      path: `/api/webhooks/whatsapp/${app.id}`,
      authToken: app.authToken,
      params: twilioInboundParams({ accountSid: app.accountSid, to: app.sender, ...input }),
    }),
  );
}

/** Twilio's status callback for one of our replies, e.g. `delivered` (PROVIDERS.md §3). */
export async function sendWhatsappStatus(
  baseURL: string,
  input: { messageSid: string; to: string; status: string; errorCode?: string; errorMessage?: string },
) {
  const app = DEMO_APPS.whatsapp;
  await expectAccepted(
    signedTwilioRequest({
      baseUrl: baseURL,
      path: `/api/webhooks/whatsapp/${app.id}/status`,
      authToken: app.authToken,
      params: twilioStatusParams({ accountSid: app.accountSid, sender: app.sender, ...input }),
    }),
  );
}

/** An inbound Messenger message from `psid` to the demo Page. */
export async function sendMessengerMessage(baseURL: string, input: { psid: string; text: string }) {
  const app = DEMO_APPS.messenger;
  await expectAccepted(
    signedMessengerRequest({
      baseUrl: baseURL,
      appId: app.id,
      appSecret: app.appSecret,
      pageId: app.pageId,
      events: [
        messengerMessageEvent({ pageId: app.pageId, psid: input.psid, text: input.text, mid: newMessengerMid() }),
      ],
    }),
  );
}
