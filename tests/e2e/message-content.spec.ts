import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { catalogs } from "./support/catalogs";
import { MessengerStandIn } from "@/tests/stand-ins/meta";
import { TwilioStandIn } from "@/tests/stand-ins/twilio";
import { DEMO_APPS, newPsid, newWhatsappContact } from "./support/webhooks";
import { send, signedMessengerRequest, signedTwilioRequest, twilioInboundParams } from "@/lib/webhooks/signed-requests";

/** Issue 14 "Must show": what a customer sends shows as they sent it, in the real browser. */

const t = catalogs.en;
const messenger = new MessengerStandIn();
const twilio = new TwilioStandIn();

test.beforeAll(async () => {
  await Promise.all([messenger.start(), twilio.start()]);
});
test.afterAll(async () => {
  await Promise.all([messenger.stop(), twilio.stop()]);
});

async function accepted(request: Parameters<typeof send>[0]) {
  const response = await send(request);
  expect(response.status, await response.clone().text()).toBe(200);
}

function messengerEvents(baseURL: string, events: object[]) {
  const app = DEMO_APPS.messenger;
  return accepted(signedMessengerRequest({ baseUrl: baseURL, appId: app.id, appSecret: app.appSecret, pageId: app.pageId, events }));
}

test("a location card and a reaction from Messenger, and a Twilio image through the media proxy", async ({ alice, baseURL }) => {
  const { page, inbox } = alice;
  const psid = newPsid();
  const name = `Lena Mapova ${randomBytes(2).toString("hex")}`;
  messenger.profiles.set(psid, { first_name: "Lena", last_name: name.slice("Lena ".length) });
  const at = Date.now();
  const event = (offset: number, body: object) => ({ sender: { id: psid }, recipient: { id: DEMO_APPS.messenger.pageId }, timestamp: at + offset, ...body });
  const textMid = `m_${randomBytes(12).toString("hex")}`;
  await messengerEvents(baseURL!, [event(0, { message: { mid: textMid, text: "Here is where we parked" } })]);
  await messengerEvents(baseURL!, [
    event(1, { message: { mid: `m_${randomBytes(12).toString("hex")}`, attachments: [{ type: "location", title: "Showroom parking", payload: { coordinates: { lat: 50.0875, long: 14.4213 } } }] } }),
  ]);
  await messengerEvents(baseURL!, [event(2, { reaction: { mid: textMid, action: "react", emoji: "❤️", reaction: "love" } })]);

  const whatsappContact = newWhatsappContact();
  const whatsappName = `Pieter Foto ${randomBytes(2).toString("hex")}`;
  const app = DEMO_APPS.whatsapp;
  await accepted(
    signedTwilioRequest({
      baseUrl: baseURL!,
      path: `/api/webhooks/whatsapp/${app.id}`,
      authToken: app.authToken,
      params: {
        ...twilioInboundParams({ accountSid: app.accountSid, to: app.sender, from: whatsappContact, text: "", profileName: whatsappName }),
        NumMedia: "1",
        MediaUrl0: twilio.mediaUrl(app.accountSid),
        MediaContentType0: "image/png",
      },
    }),
  );

  try {
    await inbox.goto("unassigned");
    await expect(inbox.row(name)).toBeVisible();
    await inbox.openConversation(name);
    const card = inbox.thread.getByTestId("location-card");
    await expect(card).toContainText("Showroom parking");
    await expect(card.getByRole("link", { name: /Open in map/ })).toHaveAttribute("href", "https://www.openstreetmap.org/?mlat=50.0875&mlon=14.4213#map=16/50.0875/14.4213");
    await expect(inbox.thread.getByRole("img", { name: `${name} reacted ❤️` })).toBeVisible();
    await expect(inbox.row(name)).toContainText("📍 Location: Showroom parking");

    await inbox.openConversation(whatsappName);
    const image = inbox.thread.getByRole("img", { name: t.conversation.attachment.image });
    await expect(image).toHaveAttribute("src", /^\/api\/media\/[0-9a-f-]{36}\/0$/);
    // The browser really loaded the picture: the app fetched it from Twilio with the app's credentials.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    const basic = `Basic ${Buffer.from(`${app.accountSid}:${app.authToken}`).toString("base64")}`;
    expect(twilio.mediaRequests().some((request) => request.headers.authorization === basic)).toBe(true);
  } finally {
    // The suite shares one database (inbox.spec.ts counts the seeded conversations).
    for (const contact of [name, whatsappName]) {
      await inbox.goto("unassigned");
      if ((await inbox.row(contact).count()) === 0) continue;
      await inbox.openConversation(contact);
      await new ConversationPage(page, contact).deleteConversation();
    }
  }
});
