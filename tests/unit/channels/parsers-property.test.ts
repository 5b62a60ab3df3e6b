import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_EVENTS_PER_POST, parseMessengerWebhook } from "@/lib/channels/messenger/parse-webhook";
import { countFormFields, hasTooManyFormFields, MAX_FORM_PARAMS, parseFormBody } from "@/lib/channels/whatsapp/form";
import { parseTwilioInbound, parseTwilioStatus } from "@/lib/channels/whatsapp/parse-webhook";

/**
 * Issue 9 item 1: the parsers that see a body before (Twilio) or right after (Messenger) its
 * signature never throw, whatever arrives; they answer with events, "malformed" or "too_large".
 */

const PAGE_ID = "100200300";

/** Form-ish text: names Twilio uses, `__proto__`, stray `%`, `=`, `&`, `+` and non-ASCII. */
const formToken = fc.constantFrom(
  "MessageSid", "From", "Body", "NumMedia", "MediaUrl0", "MediaContentType0", "Latitude", "Longitude",
  "__proto__", "constructor", "%", "%zz", "%E2%82", "=", "&", "+", "whatsapp:+14155551234", "SM" + "a".repeat(32), "ž", "",
);
const formBody = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.array(formToken, { maxLength: 60 }).map((tokens) => tokens.join("")),
  fc.array(fc.tuple(formToken, formToken), { maxLength: 40 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&")),
);

const shouldNotThrowParse = (body: string) => {
  if (hasTooManyFormFields(body)) return;
  const params = parseFormBody(body);
  for (const result of [parseTwilioInbound(params), parseTwilioStatus(params)]) {
    expect(result.ok === true || result.reason === "malformed").toBe(true);
  }
};

describe("the Twilio form parser, fed random and adversarial bodies", () => {
  it("never throws, and counts fields exactly as URLSearchParams reads them", () => {
    fc.assert(
      fc.property(formBody, (body) => {
        shouldNotThrowParse(body);
        expect(countFormFields(body, Number.MAX_SAFE_INTEGER)).toBe([...new URLSearchParams(body)].length);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps every value of a repeated name, in order, without touching the prototype", () => {
    fc.assert(
      fc.property(fc.constantFrom("__proto__", "MediaUrl", "a"), fc.array(fc.string({ maxLength: 8 }), { minLength: 2, maxLength: 50 }), (name, values) => {
        const params = parseFormBody(values.map((v) => `${name}=${encodeURIComponent(v)}`).join("&"));
        expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
        expect(Object.getOwnPropertyDescriptor(params, name)?.value).toEqual(values);
      }),
    );
  });

  it("allows exactly 1,000 fields and refuses the 1,001st", () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `f${i}=x`).join("&");
    expect(hasTooManyFormFields(fields(MAX_FORM_PARAMS))).toBe(false);
    expect(hasTooManyFormFields(fields(MAX_FORM_PARAMS + 1))).toBe(true);
    // Empty fields are skipped by the parser, so they don't count against the cap either.
    expect(hasTooManyFormFields(`${"&".repeat(5000)}${fields(10)}`)).toBe(false);
  });

  it("refuses a 1 MiB body of one repeated name before parsing it", () => {
    const bomb = "a&".repeat(512 * 1024);
    expect(hasTooManyFormFields(Buffer.from(bomb))).toBe(true);
    // The count stops at the cap: it never walks the whole body to say no.
    expect(countFormFields(bomb)).toBe(MAX_FORM_PARAMS + 1);
  });
});

/** JSON that looks like Meta's envelope some of the way down, with odd types and keys. */
const jsonLeaf = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const participant = fc.oneof(fc.record({ id: fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(PAGE_ID)) }), jsonLeaf);
const messengerEvent = fc.oneof(
  fc.record(
    {
      sender: participant,
      recipient: participant,
      timestamp: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 5 })),
      message: fc.oneof(jsonLeaf, fc.dictionary(fc.constantFrom("mid", "text", "is_echo", "attachments", "reply_to", "quick_reply", "sticker_id", "__proto__"), fc.oneof(jsonLeaf, fc.anything()))),
      reaction: fc.dictionary(fc.constantFrom("mid", "action", "emoji", "reaction"), jsonLeaf),
      message_edit: fc.dictionary(fc.constantFrom("mid", "text", "num_edit"), jsonLeaf),
      postback: fc.dictionary(fc.constantFrom("title", "payload", "mid", "referral"), fc.oneof(jsonLeaf, fc.anything())),
      referral: fc.dictionary(fc.constantFrom("ref", "source", "type", "ads_context_data"), fc.oneof(jsonLeaf, fc.anything())),
      delivery: fc.dictionary(fc.constantFrom("mids", "watermark"), fc.oneof(jsonLeaf, fc.array(jsonLeaf))),
      read: fc.dictionary(fc.constantFrom("watermark"), jsonLeaf),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);
const envelope = fc.record(
  {
    object: fc.oneof(fc.constant("page"), jsonLeaf),
    entry: fc.oneof(
      fc.array(fc.record({ id: fc.oneof(fc.constant(PAGE_ID), fc.integer(), jsonLeaf), time: jsonLeaf, messaging: fc.array(messengerEvent, { maxLength: 4 }), standby: fc.array(messengerEvent, { maxLength: 2 }) }, { requiredKeys: [] }), { maxLength: 4 }),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);

/** As the route does: JSON.parse of raw bytes, then the parser. */
function parseRaw(raw: string) {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "malformed" } as const;
  }
  return parseMessengerWebhook(json, PAGE_ID);
}

describe("the Messenger parser, fed random and adversarial JSON", () => {
  it("never throws on envelope-shaped or arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.oneof(envelope, fc.jsonValue()), (value) => {
        const result = parseRaw(JSON.stringify(value) ?? "null");
        expect(result.ok || result.reason === "malformed" || result.reason === "too_large").toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), (raw) => void parseRaw(raw)));
  });

  it("reads a __proto__ key as data, not as a way into the prototype", () => {
    const raw = `{"object":"page","entry":[{"id":"${PAGE_ID}","messaging":[{"__proto__":{"message":{"mid":"m_x","text":"hi"}},"sender":{"id":"1"},"recipient":{"id":"${PAGE_ID}"},"timestamp":1}]}]}`;
    expect(parseRaw(raw)).toEqual({ ok: true, events: [] });
    expect(({} as Record<string, unknown>).message).toBeUndefined();
  });

  it("answers deep nesting as malformed, not with a stack overflow", () => {
    const depth = 200_000;
    expect(parseRaw(`{"object":"page","entry":${"[".repeat(depth)}${"]".repeat(depth)}}`)).toEqual({ ok: false, reason: "malformed" });
    const deepEvent = `{"object":"page","entry":[{"id":"${PAGE_ID}","messaging":[{"message":${"{\"a\":".repeat(50_000)}1${"}".repeat(50_000)}}]}]}`;
    expect(parseRaw(deepEvent)).toEqual({ ok: false, reason: "malformed" });
  });

  it("takes 1,000 events and refuses 1,001 as too large, whether as entries or inside one", () => {
    const event = (i: number) => ({ sender: { id: "1" }, recipient: { id: PAGE_ID }, timestamp: 1, message: { mid: `m_${i}`, text: "x" } });
    const entries = (n: number) => ({ object: "page", entry: Array.from({ length: n }, (_, i) => ({ id: PAGE_ID, messaging: [event(i)] })) });
    const inOne = (n: number) => ({ object: "page", entry: [{ id: PAGE_ID, messaging: Array.from({ length: n }, (_, i) => event(i)) }] });
    const ok = parseMessengerWebhook(entries(MAX_EVENTS_PER_POST), PAGE_ID);
    expect(ok.ok && ok.events.length).toBe(MAX_EVENTS_PER_POST);
    expect(parseMessengerWebhook(entries(MAX_EVENTS_PER_POST + 1), PAGE_ID)).toEqual({ ok: false, reason: "too_large" });
    expect(parseMessengerWebhook(inOne(MAX_EVENTS_PER_POST + 1), PAGE_ID)).toEqual({ ok: false, reason: "too_large" });
    expect(parseMessengerWebhook({ object: "page", entry: new Array(300_000).fill(1) }, PAGE_ID)).toEqual({ ok: false, reason: "too_large" });
  });
});
