import { parseArgs } from "node:util";
import { DEMO } from "@/lib/demo/seed";
import { appUrl } from "@/lib/env";
import {
  messengerMessageEvent,
  psidFor,
  send,
  signedMessengerRequest,
  signedTwilioRequest,
  twilioInboundParams,
} from "@/lib/webhooks/signed-requests";

const usage = `Usage: npm run simulate -- <whatsapp|messenger> "text" [--from NAME] [--app ID] [--secret SECRET] [--url BASE_URL]

Sends a correctly signed inbound webhook to a running Switchboard (default: the demo apps at APP_URL).
  --from    the contact's name (WhatsApp ProfileName; for Messenger it picks a stable PSID per name)
  --app     the app id (default: the demo app of that provider)
  --secret  Messenger app secret or Twilio auth token (default: the demo app's)
  --url     where the app runs (default: APP_URL, else http://localhost:3000)
  --page    Messenger page id (default: the demo page)
  --to      WhatsApp sender of the app (default: the demo sender)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: "string" },
    app: { type: "string" },
    secret: { type: "string" },
    url: { type: "string" },
    page: { type: "string" },
    to: { type: "string" },
    help: { type: "boolean" },
  },
});

const [provider, text] = positionals;
if (values.help || (provider !== "whatsapp" && provider !== "messenger") || !text) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const baseUrl = (values.url ?? appUrl()).replace(/\/+$/, "");
const from = values.from ?? (provider === "whatsapp" ? "Ana Lopez" : "Jana Nováková");

const request =
  provider === "messenger"
    ? signedMessengerRequest({
        baseUrl,
        appId: values.app ?? DEMO.messengerAppId,
        appSecret: values.secret ?? DEMO.messenger.appSecret,
        pageId: values.page ?? DEMO.messenger.pageId,
        events: [messengerMessageEvent({ pageId: values.page ?? DEMO.messenger.pageId, psid: psidFor(from), text })],
      })
    : signedTwilioRequest({
        baseUrl,
        // Twilio signs the public URL; the app checks against its APP_URL.
        publicBaseUrl: values.url ? baseUrl : appUrl(),
        path: `/api/webhooks/whatsapp/${values.app ?? DEMO.whatsappAppId}`,
        authToken: values.secret ?? DEMO.whatsapp.authToken,
        params: twilioInboundParams({
          accountSid: DEMO.whatsapp.accountSid,
          to: values.to ?? DEMO.whatsapp.sender,
          from: `whatsapp:+420${String(Number.parseInt(psidFor(from).slice(-9), 10)).padStart(9, "7")}`,
          profileName: from,
          text,
        }),
      });

try {
  const response = await send(request);
  console.log(`${response.status} ${response.statusText} ← POST ${request.url}`);
  if (!response.ok) {
    console.error((await response.text()).slice(0, 500));
    process.exit(1);
  }
} catch (error) {
  console.error(`Could not reach ${request.url}: ${(error as Error).message}. Is the app running (npm run dev)?`);
  process.exit(1);
}
