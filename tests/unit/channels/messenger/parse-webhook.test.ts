import { describe, it, expect } from "vitest";
import { parseMessengerWebhook } from "@/lib/channels/messenger/parse-webhook";

const PAGE_ID = "111122223333";
const PSID = "7000000000000001";

// PROVIDERS.md §5.3, verbatim.
const BATCH = {
  object: "page",
  entry: [
    {
      id: "111122223333",
      time: 1718000000500,
      messaging: [
        {
          sender: { id: "7000000000000001" },
          recipient: { id: "111122223333" },
          timestamp: 1718000000400,
          message: { mid: "m_AbC123textmid", text: "hello, world!" },
        },
      ],
    },
    {
      id: "111122223333",
      time: 1718000001500,
      messaging: [
        {
          sender: { id: "7000000000000001" },
          recipient: { id: "111122223333" },
          timestamp: 1718000001400,
          message: {
            mid: "m_AbC124imagemid",
            attachments: [{ type: "image", payload: { url: "https://scontent.xx.fbcdn.net/v/t1.15752-9/abc.jpg" } }],
          },
        },
      ],
    },
  ],
};

const ECHO = JSON.parse(`{"object":"page","entry":[{"id":"111122223333","time":1718000002500,"messaging":[
 {"sender":{"id":"111122223333"},"recipient":{"id":"7000000000000001"},"timestamp":1718000002400,
  "message":{"is_echo":true,"app_id":1517776481860111,"metadata":"inbox-msg-42","mid":"m_AbC125echomid","text":"Thanks, we are on it"}}]}]}`);

const DELIVERY = JSON.parse(`{"object":"page","entry":[{"id":"111122223333","time":1718000003500,"messaging":[
 {"sender":{"id":"7000000000000001"},"recipient":{"id":"111122223333"},
  "delivery":{"mids":["m_AbC125echomid"],"watermark":1718000002400}}]}]}`);

const READ = JSON.parse(`{"object":"page","entry":[{"id":"111122223333","time":1718000004500,"messaging":[
 {"sender":{"id":"7000000000000001"},"recipient":{"id":"111122223333"},"timestamp":1718000004400,
  "read":{"watermark":1718000002400}}]}]}`);

function envelope(events: unknown[], key: "messaging" | "standby" = "messaging") {
  return { object: "page", entry: [{ id: PAGE_ID, time: 1718000000500, [key]: events }] };
}

function inbound(message: Record<string, unknown>) {
  return { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 1718000000400, message };
}

function eventsOf(json: unknown) {
  const result = parseMessengerWebhook(json, PAGE_ID);
  if (!result.ok) throw new Error("expected the payload to parse");
  return result.events;
}

describe("parseMessengerWebhook", () => {
  it("takes every entry of a batched POST, in order", () => {
    expect(eventsOf(BATCH)).toEqual([
      {
        kind: "message",
        direction: "inbound",
        contactId: PSID,
        contactName: null,
        providerMessageId: "m_AbC123textmid",
        text: "hello, world!",
        attachments: [],
        content: { kind: "text" },
        replyTo: null,
        referral: null,
        occurredAt: new Date(1718000000400),
        reference: null,
      },
      {
        kind: "message",
        direction: "inbound",
        contactId: PSID,
        contactName: null,
        providerMessageId: "m_AbC124imagemid",
        text: "",
        attachments: [{ type: "image", url: "https://scontent.xx.fbcdn.net/v/t1.15752-9/abc.jpg" }],
        content: { kind: "text" },
        replyTo: null,
        referral: null,
        occurredAt: new Date(1718000001400),
        reference: null,
      },
    ]);
  });

  it("takes several events inside one entry", () => {
    const events = eventsOf(envelope([inbound({ mid: "m_1", text: "a" }), inbound({ mid: "m_2", text: "b" })]));
    expect(events.map((event) => event.kind === "message" && event.providerMessageId)).toEqual(["m_1", "m_2"]);
  });

  it("reads an echo as an outbound message to the recipient, with the metadata we sent as its reference", () => {
    expect(eventsOf(ECHO)).toEqual([
      {
        kind: "message",
        direction: "outbound",
        contactId: PSID,
        contactName: null,
        providerMessageId: "m_AbC125echomid",
        text: "Thanks, we are on it",
        attachments: [],
        content: { kind: "text" },
        replyTo: null,
        referral: null,
        occurredAt: new Date(1718000002400),
        reference: "inbox-msg-42",
      },
    ]);
  });

  it("reads a delivery with mids", () => {
    expect(eventsOf(DELIVERY)).toEqual([
      {
        kind: "delivery",
        contactId: PSID,
        providerMessageIds: ["m_AbC125echomid"],
        watermark: new Date(1718000002400),
        state: "delivered",
        failureReason: null,
      },
    ]);
  });

  it("reads a delivery without mids as a watermark only", () => {
    const json = envelope([{ sender: { id: PSID }, recipient: { id: PAGE_ID }, delivery: { watermark: 1718000002400, seq: 37 } }]);
    expect(eventsOf(json)).toEqual([
      {
        kind: "delivery",
        contactId: PSID,
        providerMessageIds: [],
        watermark: new Date(1718000002400),
        state: "delivered",
        failureReason: null,
      },
    ]);
  });

  it("reads a read event as a watermark", () => {
    expect(eventsOf(READ)).toEqual([
      {
        kind: "delivery",
        contactId: PSID,
        providerMessageIds: [],
        watermark: new Date(1718000002400),
        state: "read",
        failureReason: null,
      },
    ]);
  });

  it("treats standby events like messaging events", () => {
    const events = eventsOf(envelope([inbound({ mid: "m_standby", text: "while handed over" })], "standby"));
    expect(events).toMatchObject([{ kind: "message", providerMessageId: "m_standby", text: "while handed over" }]);
  });

  it("reads postbacks, reactions, referrals and edits, ignores optins, and keeps the rest (SPEC §14)", () => {
    const json = envelope([
      { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 1, postback: { title: "Start", payload: "GET_STARTED", referral: { ref: "spring", source: "SHORTLINK", type: "OPEN_THREAD" } } },
      { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 2, reaction: { mid: "m_1", action: "react", emoji: "👍" } },
      { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 3, referral: { ref: "ad", source: "ADS", ads_context_data: { ad_title: "Spring sale" } } },
      { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 4, optin: { ref: "x" } },
      { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 5, reaction: { mid: "m_1", action: "unreact" } },
      { sender: { id: Number(PSID) }, recipient: { id: Number(PAGE_ID) }, timestamp: 6, message_edit: { mid: "m_1", text: "fixed", num_edit: "2" } },
      inbound({ mid: "m_kept", text: "kept" }),
    ]);
    expect(eventsOf(json)).toMatchObject([
      { kind: "message", providerMessageId: `postback:${PSID}:1`, text: "Start", content: { kind: "text", buttonPayload: "GET_STARTED" }, referral: { source: "SHORTLINK · spring" } },
      { kind: "reaction", contactId: PSID, providerMessageId: "m_1", emoji: "👍" },
      { kind: "referral", contactId: PSID, referral: { source: "Spring sale" } },
      { kind: "reaction", providerMessageId: "m_1", emoji: null },
      { kind: "edit", contactId: PSID, providerMessageId: "m_1", text: "fixed" },
      { kind: "message", providerMessageId: "m_kept" },
    ]);
  });

  it("reads locations, stickers, quick replies, reply quotes and templates", () => {
    const events = eventsOf(
      envelope([
        inbound({ mid: "m_loc", attachments: [{ type: "location", title: "Home", payload: { coordinates: { lat: 1.2, long: -1.3 } } }] }),
        inbound({ mid: "m_st1", sticker_id: 369239263222822, attachments: [{ type: "image", payload: { url: "https://scontent.example/s.png", sticker_id: 369239263222822 } }] }),
        inbound({ mid: "m_st2", attachments: [{ type: "sticker", payload: { url: "<STICKER_URL>" } }] }),
        inbound({ mid: "m_qr", text: "Red", quick_reply: { payload: "PICK_RED" }, reply_to: { mid: "m_orig" } }),
        inbound({ mid: "m_tpl", is_echo: true, attachments: [{ type: "template", title: "Receipt", url: null, payload: { template_type: "receipt" } }] }),
        inbound({ mid: "m_odd", attachments: [{ type: "ig_story_mention", payload: null }] }),
      ]),
    );
    expect(events).toMatchObject([
      { content: { kind: "location", latitude: 1.2, longitude: -1.3, name: "Home" }, attachments: [] },
      { content: { kind: "sticker", url: "https://scontent.example/s.png" }, attachments: [] },
      { content: { kind: "sticker" }, attachments: [] },
      { text: "Red", content: { kind: "text", buttonPayload: "PICK_RED" }, replyTo: "m_orig" },
      { content: { kind: "template", title: "Receipt" } },
      { content: { kind: "unsupported", type: "ig_story_mention" } },
    ]);
    expect(events[2]!.kind === "message" && events[2]!.content).toEqual({ kind: "sticker" });
  });

  it("accepts ids that arrive as JSON numbers", () => {
    const json = { object: "page", entry: [{ id: Number(PAGE_ID), messaging: [{ sender: { id: 987654321432 }, recipient: { id: Number(PAGE_ID) }, timestamp: 1, message: { mid: "m_n", text: "n" } }] }] };
    expect(eventsOf(json)).toMatchObject([{ contactId: "987654321432", text: "n" }]);
  });

  it("accepts an envelope with no events", () => {
    expect(parseMessengerWebhook({ object: "page", entry: [] }, PAGE_ID)).toEqual({ ok: true, events: [] });
    expect(parseMessengerWebhook({ object: "page", entry: [{ id: PAGE_ID, time: 1 }] }, PAGE_ID)).toEqual({ ok: true, events: [] });
  });

  it("skips entries for another Page of the same Meta app", () => {
    const json = { object: "page", entry: [{ id: "999999999999", time: 1, messaging: [inbound({ mid: "m_other", text: "x" })] }] };
    expect(parseMessengerWebhook(json, PAGE_ID)).toEqual({ ok: true, events: [] });
  });

  it("keeps only http(s) attachment URLs, and keeps unknown types with a URL as files", () => {
    const json = envelope([
      inbound({
        mid: "m_att",
        attachments: [
          { type: "video", payload: { url: "https://video.example/v.mp4" } },
          { type: "audio", payload: { url: "http://audio.example/a.mp4" } },
          { type: "file", payload: { url: "https://files.example/doc.pdf" } },
          { type: "image", payload: { url: "javascript:alert(1)" } },
          { type: "image", payload: { url: "data:image/png;base64,AAAA" } },
          { type: "fallback", payload: { url: "https://example.com/shared-link", title: "Link" } },
          { type: "template", payload: { template_type: "generic" } },
          { type: "reel", payload: { url: "https://reels.example/r.mp4" } },
          { type: "location", payload: { coordinates: { lat: 1, long: 2 } } },
          { type: "fallback", payload: null },
          { type: "image", payload: "not an object" },
        ],
      }),
    ]);
    expect(eventsOf(json)).toMatchObject([
      {
        attachments: [
          { type: "video", url: "https://video.example/v.mp4" },
          { type: "audio", url: "http://audio.example/a.mp4" },
          { type: "file", url: "https://files.example/doc.pdf" },
          { type: "file", url: "https://example.com/shared-link" },
          { type: "file", url: "https://reels.example/r.mp4" },
        ],
      },
    ]);
  });

  it.each([
    ["null", null],
    ["a string", "page"],
    ["an array", [BATCH]],
    ["another object type", { ...BATCH, object: "instagram" }],
    ["a missing object", { entry: BATCH.entry }],
    ["a missing entry list", { object: "page" }],
    ["a non-array entry", { object: "page", entry: BATCH.entry[0] }],
    ["an entry that isn't an object", { object: "page", entry: ["x"] }],
    ["a non-array messaging", { object: "page", entry: [{ id: PAGE_ID, messaging: {} }] }],
    ["an event that isn't an object", envelope(["x"])],
    ["a message without a mid", envelope([inbound({ text: "no mid" })])],
    ["a message with an empty mid", envelope([inbound({ mid: "", text: "x" })])],
    ["a message without a sender", envelope([{ recipient: { id: PAGE_ID }, timestamp: 1, message: { mid: "m_1" } }])],
    ["a message without a timestamp", envelope([{ sender: { id: PSID }, recipient: { id: PAGE_ID }, message: { mid: "m_1" } }])],
    ["a message with non-string text", envelope([inbound({ mid: "m_1", text: 42 })])],
    ["a delivery without a watermark", envelope([{ sender: { id: PSID }, recipient: { id: PAGE_ID }, delivery: { mids: ["m_1"] } }])],
    ["a read without a watermark", envelope([{ sender: { id: PSID }, recipient: { id: PAGE_ID }, read: {} }])],
  ])("rejects %s as malformed", (_case, json) => {
    expect(parseMessengerWebhook(json, PAGE_ID)).toEqual({ ok: false, reason: "malformed" });
  });

  it("rejects the whole batch when one event is malformed, so nothing is half-stored", () => {
    const json = envelope([inbound({ mid: "m_good", text: "ok" }), inbound({ text: "no mid" })]);
    expect(parseMessengerWebhook(json, PAGE_ID)).toEqual({ ok: false, reason: "malformed" });
  });
});
