import { describe, expect, it } from "vitest";
import { createApp } from "@/tests/factories";
import {
  conversationsOf,
  countAllRows,
  inboundEvent,
  messagesOf,
  newMessageSid,
  newMid,
  newPsid,
  sendMessenger,
  sendWhatsapp,
  twilioStatus,
  whatsappInbound,
} from "@/tests/support/webhooks";

/**
 * Correctly signed requests whose content is odd but possible. A thrown error would answer
 * 500, the provider would retry the same request for ever (Meta then disables the webhook),
 * so each one must end in a deliberate 200 or 400.
 */

/** The status Next would answer: a handler that throws becomes a 500. */
const statusOf = (response: Promise<Response>) =>
  response.then(
    (r) => r.status,
    () => 500,
  );

describe("signed webhooks with odd content", () => {
  it("store a Messenger text containing a NUL character, without the NUL", async () => {
    const app = await createApp({ provider: "messenger" });

    expect(await statusOf(sendMessenger(app, [inboundEvent(app, newPsid(), "a\u0000b")]))).toBe(200);

    expect((await messagesOf(app)).map((m) => m.text)).toEqual(["ab"]);
  });

  it("store a Messenger attachment whose URL contains a NUL character without the raw NUL", async () => {
    const app = await createApp({ provider: "messenger" });
    const event = {
      ...inboundEvent(app, newPsid()),
      message: { mid: newMid(), text: "see attached", attachments: [{ type: "image", payload: { url: "https://cdn.example/a\u0000b.jpg" } }] },
    };

    expect(await statusOf(sendMessenger(app, [event]))).toBe(200);

    const [stored] = await messagesOf(app);
    expect(stored!.text).toBe("see attached");
    expect(JSON.stringify(stored!.attachments)).not.toContain("\\u0000");
  });

  it("store a WhatsApp Body and ProfileName containing NUL characters, without the NULs", async () => {
    const app = await createApp({ provider: "whatsapp" });

    expect(await statusOf(sendWhatsapp(app, whatsappInbound(app, { text: "a\u0000b", profileName: "Ana\u0000" })))).toBe(200);

    expect((await messagesOf(app)).map((m) => m.text)).toEqual(["ab"]);
    expect((await conversationsOf(app)).map((c) => c.contactName)).toEqual(["Ana"]);
  });

  it.each([
    ["a message timestamp", (psid: string, pageId: string) => ({ sender: { id: psid }, recipient: { id: pageId }, timestamp: 1e20, message: { mid: newMid(), text: "x" } })],
    ["a read watermark", (psid: string, pageId: string) => ({ sender: { id: psid }, recipient: { id: pageId }, read: { watermark: 1e20 } })],
    ["a delivery watermark", (psid: string, pageId: string) => ({ sender: { id: psid }, recipient: { id: pageId }, delivery: { watermark: 1e20 } })],
  ])("refuse %s outside the Date range as malformed (400), storing nothing", async (_name, event) => {
    const app = await createApp({ provider: "messenger" });
    const before = await countAllRows();

    expect(await statusOf(sendMessenger(app, [event(newPsid(), app.credentials.pageId)]))).toBe(400);

    expect(await countAllRows()).toEqual(before);
  });

  it("refuse a sender id longer than any PSID as malformed (400), storing nothing", async () => {
    const app = await createApp({ provider: "messenger" });
    const before = await countAllRows();

    expect(await statusOf(sendMessenger(app, [inboundEvent(app, "7".repeat(300_000))]))).toBe(400);

    expect(await countAllRows()).toEqual(before);
  });

  it.each(["partially_delivered", "receiving", "received"])(
    "acknowledge a Twilio status callback with MessageStatus=%s (a documented value) with 200",
    async (status) => {
      const app = await createApp({ provider: "whatsapp" });
      const before = await countAllRows();

      const response = sendWhatsapp(app, twilioStatus(app, { messageSid: newMessageSid(), status }), { route: "whatsapp-status" });

      expect(await statusOf(response)).toBe(200);
      expect(await countAllRows()).toEqual(before);
    },
  );
});
