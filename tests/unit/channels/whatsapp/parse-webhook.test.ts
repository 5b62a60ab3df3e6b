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
    ["a MessageSid that isn't a Twilio SID", { ...MINIMAL, MessageSid: "SM123" }],
    ["a MessageSid with another prefix", { ...MINIMAL, MessageSid: "AC0123456789abcdef0123456789abcdef" }],
    ["a missing From", { MessageSid: SID }],
    ["a From without the whatsapp: prefix", { ...MINIMAL, From: "+14155551234" }],
    ["a From that isn't E.164", { ...MINIMAL, From: "whatsapp:14155551234" }],
    ["a repeated From", { ...MINIMAL, From: ["whatsapp:+14155551234", "whatsapp:+14155550000"] }],
    ["a non-numeric NumMedia", { ...MINIMAL, NumMedia: "one" }],
  ])("rejects %s as malformed", (_case, params) => {
    expect(parseTwilioInbound(params as FormParams)).toEqual({ ok: false, reason: "malformed" });
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
    ["a malformed MessageSid", { MessageSid: "nope", MessageStatus: "delivered" }],
    ["a missing MessageStatus", { MessageSid: SID }],
    ["an unknown MessageStatus", { MessageSid: SID, MessageStatus: "teleported" }],
    ["an inherited property name as MessageStatus", { MessageSid: SID, MessageStatus: "toString" }],
  ])("rejects %s as malformed", (_case, params) => {
    expect(parseTwilioStatus(params as FormParams)).toEqual({ ok: false, reason: "malformed" });
  });
});
