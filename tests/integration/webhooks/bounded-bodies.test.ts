import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_EVENTS_PER_POST } from "@/lib/channels/messenger/parse-webhook";
import { MAX_FORM_PARAMS } from "@/lib/channels/whatsapp/form";
import { createApp, createUser, createWorkspace, type CreatedApp } from "@/tests/factories";
import {
  countAllRows,
  inboundEvent,
  messengerEnvelope,
  newPsid,
  postWebhook,
  signedMessengerBody,
  twilioRequest,
  whatsappInbound,
} from "@/tests/support/webhooks";

/**
 * Issue 9 item 1 through the real routes: hostile bodies, signed or not, get 400/401/413 and
 * store nothing; none of them answers 500.
 */

let messenger: CreatedApp<"messenger">;
let whatsapp: CreatedApp<"whatsapp">;

beforeAll(async () => {
  const workspace = await createWorkspace({ name: "Bounded Co" });
  const admin = await createUser({ workspace, role: "admin" });
  messenger = await createApp({ installer: admin, provider: "messenger" });
  whatsapp = await createApp({ installer: admin, provider: "whatsapp" });
});

const form = { "Content-Type": "application/x-www-form-urlencoded" };

describe("bounded webhook bodies", () => {
  it("refuse a WhatsApp form of more than 1,000 fields with 413 before its signature, and store nothing", async () => {
    const before = await countAllRows();
    const bomb = "a&".repeat(512 * 1024 - 1);
    const unsigned = await postWebhook("whatsapp", whatsapp.id, { headers: { ...form, "X-Twilio-Signature": "AAAA" }, body: bomb });
    expect(unsigned.status).toBe(413);
    // Correctly signed but over the cap: still 413, still nothing.
    const params = whatsappInbound(whatsapp, { extra: Object.fromEntries(Array.from({ length: MAX_FORM_PARAMS }, (_, i) => [`X${i}`, "1"])) });
    const signed = twilioRequest(whatsapp, params);
    const overCap = await postWebhook("whatsapp", whatsapp.id, { headers: signed.headers, body: signed.body });
    expect(overCap.status).toBe(413);
    expect(await overCap.text()).toBe("Too many parts in one request");
    expect(await countAllRows()).toEqual(before);
  });

  it("take a signed WhatsApp form that uses the whole cap", async () => {
    const params = whatsappInbound(whatsapp, { text: "at the cap" });
    const filler = Object.fromEntries(Array.from({ length: MAX_FORM_PARAMS - Object.keys(params).length }, (_, i) => [`X${i}`, "1"]));
    const signed = twilioRequest(whatsapp, { ...params, ...filler });
    const response = await postWebhook("whatsapp", whatsapp.id, { headers: signed.headers, body: signed.body });
    expect(response.status).toBe(200);
  });

  it("refuse a signed Messenger POST of 1,001 events with 413 and store nothing", async () => {
    const before = await countAllRows();
    const psid = newPsid();
    const events = Array.from({ length: MAX_EVENTS_PER_POST + 1 }, (_, i) => inboundEvent(messenger, psid, `n${i}`));
    const signed = signedMessengerBody(messenger, messengerEnvelope(messenger, [events]));
    const response = await postWebhook("messenger", messenger.id, { headers: signed.headers, body: signed.body });
    expect(response.status).toBe(413);
    expect(await countAllRows()).toEqual(before);
  });

  it("answer JSON bombs, signed, with 400 or 413 and store nothing", async () => {
    const before = await countAllRows();
    const bombs = [
      `{"object":"page","entry":${"[".repeat(300_000)}${"]".repeat(300_000)}}`,
      `{"object":"page","entry":[${new Array(200_000).fill("{}").join(",")}]}`,
      `{"object":"page","entry":[{"id":"${messenger.credentials.pageId}","messaging":[{"__proto__":{"message":{"mid":"m_p","text":"x"}}}]}]}`,
      `{"__proto__":{"object":"page"},"entry":[]}`,
    ];
    for (const bomb of bombs) {
      const signed = signedMessengerBody(messenger, bomb);
      const response = await postWebhook("messenger", messenger.id, { headers: signed.headers, body: signed.body });
      expect([200, 400, 413]).toContain(response.status);
    }
    expect(await countAllRows()).toEqual(before);
  });

  it("never answer 500 to random signed bodies on either route", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue().map((v) => JSON.stringify(v) ?? "")), async (raw) => {
        const signedJson = signedMessengerBody(messenger, raw);
        const m = await postWebhook("messenger", messenger.id, { headers: signedJson.headers, body: raw });
        expect(m.status).not.toBe(500);
        const w = await postWebhook("whatsapp", whatsapp.id, { headers: { ...form, "X-Twilio-Signature": "x" }, body: raw });
        expect([401, 413]).toContain(w.status);
      }),
      { numRuns: 60 },
    );
  });
});
