import { createHash } from "node:crypto";
import { DEMO } from "@/lib/demo/seed";
import {
  messengerMessageEvent,
  psidFor,
  signedMessengerRequest,
  signedTwilioRequest,
  twilioInboundParams,
  type SignedRequest,
} from "@/lib/webhooks/signed-requests";

/** The options every bench that talks to a running app shares: where it runs, and its demo apps. */
export const targetOptions = {
  url: { type: "string" },
  "public-url": { type: "string" },
  json: { type: "boolean", default: false },
  "messenger-app": { type: "string", default: DEMO.messengerAppId },
  "messenger-secret": { type: "string", default: DEMO.messenger.appSecret },
  page: { type: "string", default: DEMO.messenger.pageId },
  "whatsapp-app": { type: "string", default: DEMO.whatsappAppId },
  "whatsapp-token": { type: "string", default: DEMO.whatsapp.authToken },
  "account-sid": { type: "string", default: DEMO.whatsapp.accountSid },
  sender: { type: "string", default: DEMO.whatsapp.sender },
  help: { type: "boolean", default: false },
} as const;

export const targetUsage = `  --url           where the app runs (default: APP_URL, else http://localhost:3000)
  --public-url    the app's own APP_URL, which Twilio signatures cover (default: --url)
  --json          print the figures as JSON
The default apps and secrets are the demo workspace's (npm run db:seed); override them with
--messenger-app, --messenger-secret, --page, --whatsapp-app, --whatsapp-token, --account-sid, --sender.`;

type TargetValues = {
  url?: string;
  "public-url"?: string;
  "messenger-app": string;
  "messenger-secret": string;
  page: string;
  "whatsapp-app": string;
  "whatsapp-token": string;
  "account-sid": string;
  sender: string;
};

export type Provider = "messenger" | "whatsapp";

export function positiveInt(name: string, raw: string, usage: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, got ${JSON.stringify(raw)}\n\n${usage}`);
    process.exit(2);
  }
  return n;
}

/** Builds signed inbound webhooks for the target app; `numberPrefix` keeps benches' contacts apart. */
export function webhookBuilder(values: TargetValues, numberPrefix: string) {
  const baseUrl = (values.url ?? process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const publicBaseUrl = (values["public-url"] ?? baseUrl).replace(/\/+$/, "");

  /** A WhatsApp number per name, stable across runs, so "existing" contacts stay existing. */
  const numberFor = (name: string) => {
    const digits = BigInt(`0x${createHash("sha256").update(name).digest("hex").slice(0, 12)}`) % 10n ** 9n;
    return `whatsapp:+${numberPrefix}${digits.toString().padStart(9, "0")}`;
  };

  const webhook = (provider: Provider, contact: string, text: string): SignedRequest =>
    provider === "messenger"
      ? signedMessengerRequest({
          baseUrl,
          appId: values["messenger-app"],
          appSecret: values["messenger-secret"],
          pageId: values.page,
          events: [messengerMessageEvent({ pageId: values.page, psid: psidFor(contact), text })],
        })
      : signedTwilioRequest({
          baseUrl,
          publicBaseUrl,
          path: `/api/webhooks/whatsapp/${values["whatsapp-app"]}`,
          authToken: values["whatsapp-token"],
          params: twilioInboundParams({
            accountSid: values["account-sid"],
            to: values.sender,
            from: numberFor(contact),
            text,
            profileName: contact,
          }),
        });

  return { baseUrl, webhook };
}
