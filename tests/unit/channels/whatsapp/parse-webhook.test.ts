import { describe, it, expect } from "vitest";
import { parseFormBody, type FormParams } from "@/lib/channels/whatsapp/form";
import { parseTwilioInbound, parseTwilioStatus } from "@/lib/channels/whatsapp/parse-webhook";

const SID = "SM0123456789abcdef0123456789abcdef";

// PROVIDERS.md §2, as Twilio would post it.
const INBOUND_BODY = new URLSearchParams({
  SmsMessageSid: SID,
  NumMedia: "1",
  ProfileName: "Ana Lopez",
  MessageType: "image",
  SmsSid: SID,
  WaId: "14155551234",
  SmsStatus: "received",
  Body: "Here is the photo",
  To: "whatsapp:+14155238886",
  NumSegments: "1",
  MessageSid: SID,
  AccountSid: "ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  From: "whatsapp:+14155551234",
  MediaContentType0: "image/jpeg",
  MediaUrl0: "https://api.twilio.com/2010-04-01/Accounts/ACxxx/Messages/MMxxx/Media/MExxx",
  ApiVersion: "2010-04-01",
}).toString();

// PROVIDERS.md §3.
const STATUS: FormParams = {
  MessageSid: SID,
  SmsSid: SID,
  AccountSid: "ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  From: "whatsapp:+14155238886",
  To: "whatsapp:+14155551234",
  MessageStatus: "undelivered",
  SmsStatus: "undelivered",
  ErrorCode: "63016",
  ApiVersion: "2010-04-01",
};

const WINDOW_TEXT =
  "Outside the 24-hour customer service window: WhatsApp only allows template messages now (Twilio error 63016)";

const MINIMAL: FormParams = { MessageSid: SID, From: "whatsapp:+14155551234" };

describe("parseTwilioInbound", () => {
  it("reads the documented example as one inbound message with its image", () => {
    const before = Date.now();
    const result = parseTwilioInbound(parseFormBody(INBOUND_BODY));
    expect(result).toEqual({
      ok: true,
      events: [
        {
          kind: "message",
          direction: "inbound",
          contactId: "whatsapp:+14155551234",
          contactName: "Ana Lopez",
          providerMessageId: SID,
          text: "Here is the photo",
          attachments: [
            {
              type: "image",
              url: "https://api.twilio.com/2010-04-01/Accounts/ACxxx/Messages/MMxxx/Media/MExxx",
              contentType: "image/jpeg",
            },
          ],
          content: { kind: "text" },
          replyTo: null,
          referral: null,
          occurredAt: expect.any(Date),
        },
      ],
    });
    if (!result.ok) return;
    expect(result.events[0].kind === "message" && result.events[0].occurredAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("defaults a missing body to empty text, a missing profile name to null and no media", () => {
    expect(parseTwilioInbound(MINIMAL)).toMatchObject({
      ok: true,
      events: [{ text: "", contactName: null, attachments: [] }],
    });
    expect(parseTwilioInbound({ ...MINIMAL, ProfileName: "" })).toMatchObject({ events: [{ contactName: null }] });
  });

  it("accepts media message sids starting with MM", () => {
    const sid = "MM0123456789ABCDEF0123456789ABCDEF";
    expect(parseTwilioInbound({ ...MINIMAL, MessageSid: sid })).toMatchObject({ events: [{ providerMessageId: sid }] });
  });

  it("types each media item from its content type and drops non-http(s) URLs", () => {
    const params: FormParams = {
      ...MINIMAL,
      NumMedia: "6",
      MediaUrl0: "https://media.example/v",
      MediaContentType0: "video/mp4",
      MediaUrl1: "https://media.example/a",
      MediaContentType1: "audio/ogg",
      MediaUrl2: "https://media.example/d",
      MediaContentType2: "application/pdf",
      MediaUrl3: "javascript:alert(1)",
      MediaContentType3: "image/png",
      MediaUrl4: "http://media.example/no-type",
    };
    expect(parseTwilioInbound(params)).toMatchObject({
      events: [
        {
          attachments: [
            { type: "video", url: "https://media.example/v", contentType: "video/mp4" },
            { type: "audio", url: "https://media.example/a", contentType: "audio/ogg" },
            { type: "file", url: "https://media.example/d", contentType: "application/pdf" },
            { type: "file", url: "http://media.example/no-type" },
          ],
        },
      ],
    });
  });

  it("reads only as many media items as NumMedia says", () => {
    const params = { ...MINIMAL, NumMedia: "0", MediaUrl0: "https://media.example/x", MediaContentType0: "image/png" };
    expect(parseTwilioInbound(params)).toMatchObject({ events: [{ attachments: [] }] });
  });

  it.each([
    ["a missing MessageSid", { From: MINIMAL.From }],
    ["a MessageSid with spaces", { ...MINIMAL, MessageSid: "SM 123" }],
    ["an over-long MessageSid", { ...MINIMAL, MessageSid: `SM${"a".repeat(70)}` }],
    ["a missing From", { MessageSid: SID }],
    ["a From without the whatsapp: prefix", { ...MINIMAL, From: "+14155551234" }],
    ["a From with whitespace", { ...MINIMAL, From: "whatsapp:+1 415 555" }],
    ["an empty whatsapp: From", { ...MINIMAL, From: "whatsapp:" }],
    ["a repeated From", { ...MINIMAL, From: ["whatsapp:+14155551234", "whatsapp:+14155550000"] }],
    ["a non-numeric NumMedia", { ...MINIMAL, NumMedia: "one" }],
  ])("rejects %s as malformed", (_case, params) => {
    expect(parseTwilioInbound(params as FormParams)).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("parseTwilioInbound content (SPEC §14)", () => {
  const eventOf = (params: FormParams) => {
    const result = parseTwilioInbound({ ...MINIMAL, ...params });
    if (!result.ok || result.events[0]?.kind !== "message") throw new Error("expected one message");
    return result.events[0];
  };

  it("accepts senders without a phone number, keyed as they come", () => {
    expect(eventOf({ From: "whatsapp:US.1234" }).contactId).toBe("whatsapp:US.1234");
    expect(eventOf({ From: "whatsapp:ana_lopez" }).contactId).toBe("whatsapp:ana_lopez");
  });

  it("falls back to SmsSid when a test tool leaves MessageSid out", () => {
    expect(parseTwilioInbound({ From: MINIMAL.From, SmsSid: "SMxx" })).toMatchObject({ events: [{ providerMessageId: "SMxx" }] });
  });

  it("reads a shared location with its label and address; the empty Body does not make it empty", () => {
    const event = eventOf({ Body: "", Latitude: "52.303897857666016", Longitude: "4.750025749206543", Label: "Microsoft", Address: "Evert van de Beekstraat 354" });
    expect(event.content).toEqual({ kind: "location", latitude: 52.303897857666016, longitude: 4.750025749206543, name: "Microsoft", address: "Evert van de Beekstraat 354" });
  });

  it("ignores coordinates out of range rather than drawing a wrong place", () => {
    expect(eventOf({ Body: "hi", Latitude: "123", Longitude: "4" }).content).toEqual({ kind: "text" });
  });

  it("shows the tapped button's text and keeps its payload", () => {
    const event = eventOf({ Body: "Msg", ButtonText: "Confirm", ButtonPayload: "{verifyEmail:asd@asd.com}" });
    expect(event.text).toBe("Confirm");
    expect(event.content).toEqual({ kind: "text", buttonPayload: "{verifyEmail:asd@asd.com}" });
  });

  it("reads the quoted message and a click-to-WhatsApp referral", () => {
    const event = eventOf({
      OriginalRepliedMessageSid: "MM3c146d6483ab26bddabeeedf9565afea",
      ReferralHeadline: "German citizenship lawyer",
      ReferralSourceUrl: "https://fb.me/4tBfhWhjr",
    });
    expect(event.replyTo).toBe("MM3c146d6483ab26bddabeeedf9565afea");
    expect(event.referral).toEqual({ source: "German citizenship lawyer", url: "https://fb.me/4tBfhWhjr" });
    expect(eventOf({ ReferralHeadline: "Ad", ReferralSourceUrl: "javascript:alert(1)" }).referral).toEqual({ source: "Ad" });
  });

  it("turns a vCard into a contact card that names its attachment", () => {
    const event = eventOf({ Body: "", NumMedia: "1", MediaUrl0: "https://api.twilio.com/x/Media/ME1", MediaContentType0: "text/vcard" });
    expect(event.content).toEqual({ kind: "contact", mediaIndex: 0 });
    expect(event.attachments).toEqual([{ type: "file", url: "https://api.twilio.com/x/Media/ME1", contentType: "text/vcard" }]);
  });

  it("says a message with nothing to show is unsupported instead of leaving it empty", () => {
    expect(eventOf({ Body: "", MessageType: "interactive" }).content).toEqual({ kind: "unsupported", type: "interactive" });
  });
});

describe("parseTwilioStatus", () => {
  it("reads the documented undelivered 63016 callback as a failure with a human reason", () => {
    expect(parseTwilioStatus(STATUS)).toEqual({
      ok: true,
      events: [
        {
          kind: "delivery",
          contactId: "whatsapp:+14155551234",
          providerMessageIds: [SID],
          watermark: null,
          state: "failed",
          failureReason: WINDOW_TEXT,
        },
      ],
    });
  });

  it.each([
    ["sent", "sent"],
    ["delivered", "delivered"],
    ["read", "read"],
  ])("maps %s to %s", (status, state) => {
    expect(parseTwilioStatus({ ...STATUS, MessageStatus: status, ErrorCode: "" })).toMatchObject({
      ok: true,
      events: [{ state, failureReason: null, providerMessageIds: [SID] }],
    });
  });

  it.each(["queued", "accepted", "scheduled", "sending"])("records nothing for %s (not yet sent)", (status) => {
    expect(parseTwilioStatus({ ...STATUS, MessageStatus: status })).toEqual({ ok: true, events: [] });
  });

  it("uses Twilio's ErrorMessage when there is one", () => {
    const params = { ...STATUS, MessageStatus: "failed", ErrorCode: "30008", ErrorMessage: "Unknown error" };
    expect(parseTwilioStatus(params)).toMatchObject({
      events: [{ state: "failed", failureReason: "Unknown error (Twilio error 30008)" }],
    });
  });

  it("falls back to the error code when there is no message", () => {
    const params = { MessageSid: SID, MessageStatus: "failed", ErrorCode: "30003" };
    expect(parseTwilioStatus(params)).toMatchObject({
      events: [{ contactId: null, state: "failed", failureReason: "Twilio error 30003" }],
    });
  });

  it("still explains a failure that comes without any error code", () => {
    expect(parseTwilioStatus({ MessageSid: SID, MessageStatus: "undelivered" })).toMatchObject({
      events: [{ state: "failed", failureReason: "Twilio reported a failure without an error code" }],
    });
  });

  it.each([
    ["a missing MessageSid", { MessageStatus: "delivered" }],
    ["a malformed MessageSid", { MessageSid: "no pe", MessageStatus: "delivered" }],
    ["a missing MessageStatus", { MessageSid: SID }],
    ["an unknown MessageStatus", { MessageSid: SID, MessageStatus: "teleported" }],
    ["an inherited property name as MessageStatus", { MessageSid: SID, MessageStatus: "toString" }],
  ])("rejects %s as malformed", (_case, params) => {
    expect(parseTwilioStatus(params as FormParams)).toEqual({ ok: false, reason: "malformed" });
  });
});
