import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { messagingApps } from "@/db/schema";
import type { FormParams } from "@/lib/channels/whatsapp/form";
import { MAX_WEBHOOK_BODY_BYTES } from "@/lib/http/read-body";
import { createApp, createUser, createWorkspace, type CreatedApp } from "@/tests/factories";
import {
  countAllRows,
  deliver,
  inboundEvent,
  messagesOf,
  messengerEnvelope,
  messengerRequest,
  newMessageSid,
  newPsid,
  postWebhook,
  sendMessenger,
  signedMessengerBody,
  twilioRequest,
  twilioStatus,
  verifyMessenger,
  whatsappInbound,
} from "@/tests/support/webhooks";

/**
 * Issue 3, "Bad input": every forged, oversized, malformed or misaddressed webhook answers
 * its status and leaves no conversation, message, activity or job behind.
 */

type World = {
  messenger: CreatedApp<"messenger">;
  whatsapp: CreatedApp<"whatsapp">;
  /** Same workspace, other secrets. */
  secondMessenger: CreatedApp<"messenger">;
  secondWhatsapp: CreatedApp<"whatsapp">;
  /** Other Company's apps; its Messenger app is even connected to the same page. */
  otherMessenger: CreatedApp<"messenger">;
  otherWhatsapp: CreatedApp<"whatsapp">;
  uninstalledMessenger: CreatedApp<"messenger">;
  uninstalledWhatsapp: CreatedApp<"whatsapp">;
};

let w: World;

beforeAll(async () => {
  const demo = await createWorkspace({ name: "Demo Company" });
  const alice = await createUser({ workspace: demo, role: "admin", name: "Alice" });
  const other = await createWorkspace({ name: "Other Company" });
  const dave = await createUser({ workspace: other, role: "admin", name: "Dave" });
  const messenger = await createApp({ installer: alice, provider: "messenger" });
  w = {
    messenger,
    whatsapp: await createApp({ installer: alice, provider: "whatsapp" }),
    secondMessenger: await createApp({ installer: alice, provider: "messenger" }),
    secondWhatsapp: await createApp({ installer: alice, provider: "whatsapp" }),
    otherMessenger: await createApp({
      installer: dave,
      provider: "messenger",
      credentials: { pageId: messenger.credentials.pageId },
    }),
    otherWhatsapp: await createApp({ installer: dave, provider: "whatsapp" }),
    uninstalledMessenger: await createApp({ installer: alice, provider: "messenger", uninstalledAt: new Date() }),
    uninstalledWhatsapp: await createApp({ installer: alice, provider: "whatsapp", uninstalledAt: new Date() }),
  };
});

/** A stream, so the request carries no Content-Length and the cap must be enforced while reading. */
function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
}

/** A correctly signed Messenger request whose body is exactly `size` bytes (JSON padded with spaces). */
function messengerOfSize(app: CreatedApp<"messenger">, size: number) {
  const json = JSON.stringify(messengerEnvelope(app, [[inboundEvent(app, newPsid(), "padded")]]));
  return signedMessengerBody(app, json + " ".repeat(size - Buffer.byteLength(json)));
}

/** A correctly signed Twilio request whose form body is exactly `size` bytes (Body padded). */
function whatsappOfSize(app: CreatedApp<"whatsapp">, size: number) {
  const params = whatsappInbound(app, { text: "" });
  const empty = twilioRequest(app, params).body;
  return twilioRequest(app, { ...params, Body: "a".repeat(size - empty.length) });
}

const withHeaders = (request: { headers: Record<string, string>; body: string }, headers: Record<string, string | null>) => {
  const merged: Record<string, string> = { ...request.headers };
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return { ...request, headers: merged };
};

const without = (form: FormParams, name: string): FormParams => Object.fromEntries(Object.entries(form).filter(([key]) => key !== name));

type Case = { name: string; status: number; send: () => Promise<Response> };

const messengerCases: Case[] = [
  {
    name: "a request without X-Hub-Signature-256",
    status: 401,
    send: () =>
      postWebhook("messenger", w.messenger.id, withHeaders(messengerRequest(w.messenger, [inboundEvent(w.messenger, newPsid())]), { "X-Hub-Signature-256": null })),
  },
  {
    name: "a wrong signature",
    status: 401,
    send: () =>
      postWebhook("messenger", w.messenger.id, withHeaders(messengerRequest(w.messenger, [inboundEvent(w.messenger, newPsid())]), { "X-Hub-Signature-256": `sha256=${"0".repeat(64)}` })),
  },
  {
    name: "a signature header that is not sha256=<hex>",
    status: 401,
    send: () =>
      postWebhook("messenger", w.messenger.id, withHeaders(messengerRequest(w.messenger, [inboundEvent(w.messenger, newPsid())]), { "X-Hub-Signature-256": "sha256=" })),
  },
  {
    name: "only the old sha1 X-Hub-Signature",
    status: 401,
    send: () =>
      postWebhook("messenger", w.messenger.id, withHeaders(messengerRequest(w.messenger, [inboundEvent(w.messenger, newPsid())]), { "X-Hub-Signature-256": null, "X-Hub-Signature": "sha1=0000000000000000000000000000000000000000" })),
  },
  {
    name: "a signature made with another app's secret",
    status: 401,
    send: () => sendMessenger(w.messenger, [inboundEvent(w.messenger, newPsid())], { appSecret: w.secondMessenger.credentials.appSecret }),
  },
  {
    name: "a signature made with another workspace's app secret (same page)",
    status: 401,
    send: () => sendMessenger(w.messenger, [inboundEvent(w.messenger, newPsid())], { appSecret: w.otherMessenger.credentials.appSecret }),
  },
  {
    name: "a signature made with the verify token instead of the app secret",
    status: 401,
    send: () => sendMessenger(w.messenger, [inboundEvent(w.messenger, newPsid())], { appSecret: w.messenger.verifyToken! }),
  },
  {
    name: "a valid signature over a different body",
    status: 401,
    send: () => {
      const signed = messengerRequest(w.messenger, [inboundEvent(w.messenger, newPsid(), "what was signed")]);
      return postWebhook("messenger", w.messenger.id, { ...signed, body: signed.body.replace("what was signed", "what was sent") });
    },
  },
  {
    name: "a signed body of 1 MiB + 1 byte with Content-Length",
    status: 413,
    send: () => {
      const signed = messengerOfSize(w.messenger, MAX_WEBHOOK_BODY_BYTES + 1);
      return postWebhook("messenger", w.messenger.id, withHeaders(signed, { "Content-Length": String(MAX_WEBHOOK_BODY_BYTES + 1) }));
    },
  },
  {
    name: "a signed body of 1 MiB + 1 byte without Content-Length",
    status: 413,
    send: () => {
      const signed = messengerOfSize(w.messenger, MAX_WEBHOOK_BODY_BYTES + 1);
      return postWebhook("messenger", w.messenger.id, { headers: signed.headers, body: streamOf(signed.body) });
    },
  },
  {
    name: "a 1 MiB + 1 byte body under a lying Content-Length of 100",
    status: 413,
    send: () => {
      const signed = messengerOfSize(w.messenger, MAX_WEBHOOK_BODY_BYTES + 1);
      return postWebhook("messenger", w.messenger.id, { headers: { ...signed.headers, "Content-Length": "100" }, body: streamOf(signed.body) });
    },
  },
  {
    name: "signed invalid JSON",
    status: 400,
    send: () => deliver("messenger", w.messenger.id, signedMessengerBody(w.messenger, '{"object":"page","entry":[')),
  },
  {
    name: "a signed empty body",
    status: 400,
    send: () => deliver("messenger", w.messenger.id, signedMessengerBody(w.messenger, "")),
  },
  {
    name: 'signed JSON with object "user"',
    status: 400,
    send: () =>
      deliver("messenger", w.messenger.id, signedMessengerBody(w.messenger, { ...messengerEnvelope(w.messenger, [[inboundEvent(w.messenger, newPsid())]]), object: "user" })),
  },
  {
    name: "signed JSON whose entry is not an array",
    status: 400,
    send: () =>
      deliver("messenger", w.messenger.id, signedMessengerBody(w.messenger, { object: "page", entry: messengerEnvelope(w.messenger, [[inboundEvent(w.messenger, newPsid())]]).entry[0] })),
  },
  {
    name: "signed JSON that is an array",
    status: 400,
    send: () => deliver("messenger", w.messenger.id, signedMessengerBody(w.messenger, [messengerEnvelope(w.messenger, [])])),
  },
  {
    name: "a signed message event without a mid, next to a valid one",
    status: 400,
    send: () => {
      const valid = inboundEvent(w.messenger, newPsid(), "valid");
      const broken = { ...inboundEvent(w.messenger, newPsid()), message: { text: "no mid" } };
      return deliver("messenger", w.messenger.id, signedMessengerBody(w.messenger, messengerEnvelope(w.messenger, [[valid, broken]])));
    },
  },
  {
    name: "a signed delivery event without a watermark",
    status: 400,
    send: () => {
      const psid = newPsid();
      const delivery = { sender: { id: psid }, recipient: { id: w.messenger.credentials.pageId }, delivery: { mids: ["m_x"] } };
      return deliver("messenger", w.messenger.id, signedMessengerBody(w.messenger, messengerEnvelope(w.messenger, [[delivery]])));
    },
  },
  { name: "an unknown app id", status: 404, send: () => sendMessenger({ ...w.messenger, id: randomUUID() }, [inboundEvent(w.messenger, newPsid())]) },
  { name: "a non-UUID app id", status: 404, send: () => sendMessenger({ ...w.messenger, id: "100200300" }, [inboundEvent(w.messenger, newPsid())]) },
  {
    name: "the id of a WhatsApp app",
    status: 404,
    send: () => sendMessenger({ ...w.messenger, id: w.whatsapp.id }, [inboundEvent(w.messenger, newPsid())]),
  },
  {
    name: "an uninstalled app, correctly signed",
    status: 404,
    send: () => sendMessenger(w.uninstalledMessenger, [inboundEvent(w.uninstalledMessenger, newPsid())]),
  },
];

const whatsappCases = (route: "whatsapp" | "whatsapp-status"): Case[] => {
  const params = (app: CreatedApp<"whatsapp">) =>
    route === "whatsapp" ? whatsappInbound(app) : twilioStatus(app, { messageSid: newMessageSid(), status: "delivered" });
  const signed = (app: CreatedApp<"whatsapp">, options: { authToken?: string } = {}) => twilioRequest(app, params(app), { route, ...options });
  const post = (request: { headers: Record<string, string>; body: string | ReadableStream<Uint8Array> }, appId = w.whatsapp.id) =>
    postWebhook(route, appId, request);
  const to = (appId: string) => post(signed({ ...w.whatsapp, id: appId }), appId);
  return [
    { name: "a request without X-Twilio-Signature", status: 401, send: () => post(withHeaders(signed(w.whatsapp), { "X-Twilio-Signature": null })) },
    { name: "a wrong signature", status: 401, send: () => post(withHeaders(signed(w.whatsapp), { "X-Twilio-Signature": "RSOYDt4T1cUTdK1PDd93/VVr8B8=" })) },
    { name: "an empty signature", status: 401, send: () => post(withHeaders(signed(w.whatsapp), { "X-Twilio-Signature": "" })) },
    {
      name: "a signature made with another app's auth token",
      status: 401,
      send: () => post(signed(w.whatsapp, { authToken: w.secondWhatsapp.credentials.authToken })),
    },
    {
      name: "a signature made with another workspace's app auth token",
      status: 401,
      send: () => post(signed(w.whatsapp, { authToken: w.otherWhatsapp.credentials.authToken })),
    },
    {
      name: "a valid signature over a different body",
      status: 401,
      send: () => {
        const request = signed(w.whatsapp);
        return post({ ...request, body: `${request.body}&Extra=added` });
      },
    },
    {
      name: "a signature over another app's URL",
      status: 401,
      send: () => post(twilioRequest({ ...w.whatsapp, id: w.secondWhatsapp.id }, params(w.whatsapp), { route })),
    },
    {
      name: "a signature over the other Twilio route's URL",
      status: 401,
      send: () =>
        post(twilioRequest(w.whatsapp, params(w.whatsapp), { route: route === "whatsapp" ? "whatsapp-status" : "whatsapp" })),
    },
    {
      name: "a form without MessageSid or its legacy SmsSid/SmsMessageSid twins, correctly signed",
      status: 400,
      send: () => {
        const form = without(without(without(params(w.whatsapp), "MessageSid"), "SmsSid"), "SmsMessageSid");
        return post(twilioRequest(w.whatsapp, form, { route }));
      },
    },
    {
      name: "a MessageSid with characters no sid has, correctly signed",
      status: 400,
      send: () => post(twilioRequest(w.whatsapp, { ...params(w.whatsapp), MessageSid: "SM not/a sid" }, { route })),
    },
    {
      name: "a MessageSid sent twice, correctly signed",
      status: 400,
      send: () => {
        const form = params(w.whatsapp);
        return post(twilioRequest(w.whatsapp, { ...form, MessageSid: [form.MessageSid as string, newMessageSid()] }, { route }));
      },
    },
    { name: "an unknown app id", status: 404, send: () => to(randomUUID()) },
    { name: "a non-UUID app id", status: 404, send: () => to("not-a-uuid") },
    { name: "the id of a Messenger app", status: 404, send: () => to(w.messenger.id) },
    {
      name: "an uninstalled app, correctly signed",
      status: 404,
      send: () => post(signed(w.uninstalledWhatsapp), w.uninstalledWhatsapp.id),
    },
  ];
};

const inboundOnlyCases: Case[] = [
  {
    name: "a signed form of 1 MiB + 1 byte with Content-Length",
    status: 413,
    send: () => {
      const signed = whatsappOfSize(w.whatsapp, MAX_WEBHOOK_BODY_BYTES + 1);
      return postWebhook("whatsapp", w.whatsapp.id, withHeaders(signed, { "Content-Length": String(MAX_WEBHOOK_BODY_BYTES + 1) }));
    },
  },
  {
    name: "a signed form of 1 MiB + 1 byte without Content-Length",
    status: 413,
    send: () => {
      const signed = whatsappOfSize(w.whatsapp, MAX_WEBHOOK_BODY_BYTES + 1);
      return postWebhook("whatsapp", w.whatsapp.id, { headers: signed.headers, body: streamOf(signed.body) });
    },
  },
  {
    name: "a From that is not a WhatsApp number, correctly signed",
    status: 400,
    send: () => deliver("whatsapp", w.whatsapp.id, twilioRequest(w.whatsapp, { ...whatsappInbound(w.whatsapp), From: "+14155551234" })),
  },
];

const statusOnlyCases: Case[] = [
  {
    name: "a status callback without MessageStatus, correctly signed",
    status: 400,
    send: () => {
      const form = without(twilioStatus(w.whatsapp, { messageSid: newMessageSid(), status: "read" }), "MessageStatus");
      return deliver("whatsapp-status", w.whatsapp.id, twilioRequest(w.whatsapp, form, { route: "whatsapp-status" }));
    },
  },
];

async function expectRefused({ send, status }: Case) {
  const before = await countAllRows();
  const response = await send();
  expect(response.status).toBe(status);
  expect(await countAllRows()).toEqual(before);
}

describe("POST /api/webhooks/messenger/[appId] refuses", () => {
  it.each(messengerCases)("$name with $status, storing and queueing nothing", async (c) => {
    await expectRefused(c);
  });
});

describe("POST /api/webhooks/whatsapp/[appId] refuses", () => {
  it.each([...whatsappCases("whatsapp"), ...inboundOnlyCases])("$name with $status, storing and queueing nothing", async (c) => {
    await expectRefused(c);
  });
});

describe("POST /api/webhooks/whatsapp/[appId]/status refuses", () => {
  it.each([...whatsappCases("whatsapp-status"), ...statusOnlyCases])("$name with $status, storing and queueing nothing", async (c) => {
    await expectRefused(c);
  });
});

describe("refusals", () => {
  it("leave the app's last-webhook time unset, and record a health error only for a known app's bad signature", async () => {
    const app = await createApp({ provider: "messenger" });
    await sendMessenger(app, [inboundEvent(app, newPsid())], { appSecret: "not-the-secret" });
    const db = await getDb();
    const [row] = await db.select().from(messagingApps).where(eq(messagingApps.id, app.id));
    expect(row!.lastWebhookAt).toBeNull();
    expect(row!.lastError).toMatch(/signature/i);
  });

  it("accept a signed body of exactly 1 MiB", async () => {
    const messenger = await deliver("messenger", w.messenger.id, messengerOfSize(w.messenger, MAX_WEBHOOK_BODY_BYTES));
    expect(messenger.status).toBe(200);
    const signed = whatsappOfSize(w.whatsapp, MAX_WEBHOOK_BODY_BYTES);
    const whatsapp = await postWebhook("whatsapp", w.whatsapp.id, { headers: signed.headers, body: streamOf(signed.body) });
    expect(whatsapp.status).toBe(200);
    expect((await messagesOf(w.messenger)).map((m) => m.text)).toContain("padded");
    expect((await messagesOf(w.whatsapp)).some((m) => m.text.length > 1_000_000)).toBe(true);
  });
});

// Postbacks are stored as the tapped button's text (SPEC §14; tests/integration/webhooks/fixture-replay.test.ts);
// reactions and referrals only change a conversation that exists.
describe("Messenger events that store nothing here", () => {
  const base = () => ({ sender: { id: newPsid() }, recipient: { id: w.messenger.credentials.pageId }, timestamp: Date.now() });
  const events: [string, () => object][] = [
    ["a reaction", () => ({ ...base(), reaction: { mid: "m_reacted", action: "react", reaction: "love", emoji: "❤" } })],
    ["a referral", () => ({ ...base(), referral: { ref: "ad-42", source: "ADS", type: "OPEN_THREAD" } })],
    ["an opt-in", () => ({ ...base(), optin: { ref: "newsletter" } })],
    ["an account-linking event", () => ({ ...base(), account_linking: { status: "linked", authorization_code: "x" } })],
  ];

  it.each(events)("acknowledge %s in a valid envelope with 200 and store nothing", async (_name, event) => {
    const before = await countAllRows();
    const response = await deliver("messenger", w.messenger.id, signedMessengerBody(w.messenger, messengerEnvelope(w.messenger, [[event()]])));
    expect(response.status).toBe(200);
    expect(await countAllRows()).toEqual(before);
  });

  it("acknowledge entries without messaging (feed changes) and entries of another page with 200 and store nothing", async () => {
    const before = await countAllRows();
    const body = {
      object: "page",
      entry: [
        { id: w.messenger.credentials.pageId, time: Date.now(), changes: [{ field: "feed", value: { item: "status" } }] },
        { id: "999888777", time: Date.now(), messaging: [inboundEvent(w.messenger, newPsid(), "for another page")] },
      ],
    };
    const response = await deliver("messenger", w.messenger.id, signedMessengerBody(w.messenger, body));
    expect(response.status).toBe(200);
    expect(await countAllRows()).toEqual(before);
  });
});

describe("GET /api/webhooks/messenger/[appId] (Meta's verification)", () => {
  const query = (overrides: Record<string, string | null> = {}) => {
    const base: Record<string, string | null> = {
      "hub.mode": "subscribe",
      "hub.verify_token": w.messenger.verifyToken,
      "hub.challenge": "1158201444",
      ...overrides,
    };
    return Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== null));
  };

  it("answers the right token with 200 and the challenge as plain text", async () => {
    const response = await verifyMessenger(w.messenger.id, query());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("1158201444");
  });

  const refusals: [string, () => { appId: string; query: Record<string, string> }, number][] = [
    ["a wrong token", () => ({ appId: w.messenger.id, query: query({ "hub.verify_token": "meatyhamhock" }) }), 403],
    ["another app's token", () => ({ appId: w.messenger.id, query: query({ "hub.verify_token": w.secondMessenger.verifyToken }) }), 403],
    ["no token", () => ({ appId: w.messenger.id, query: query({ "hub.verify_token": null }) }), 403],
    ["a wrong mode", () => ({ appId: w.messenger.id, query: query({ "hub.mode": "unsubscribe" }) }), 403],
    ["no mode", () => ({ appId: w.messenger.id, query: query({ "hub.mode": null }) }), 403],
    ["no challenge", () => ({ appId: w.messenger.id, query: query({ "hub.challenge": null }) }), 403],
    ["an unknown app id", () => ({ appId: randomUUID(), query: query() }), 404],
    ["a non-UUID app id", () => ({ appId: "100200300", query: query() }), 404],
    ["a WhatsApp app's id", () => ({ appId: w.whatsapp.id, query: query() }), 404],
    [
      "an uninstalled app with its own token",
      () => ({ appId: w.uninstalledMessenger.id, query: query({ "hub.verify_token": w.uninstalledMessenger.verifyToken }) }),
      404,
    ],
  ];

  it.each(refusals)("refuses %s with %i and without the challenge", async (_name, input, status) => {
    const { appId, query: q } = input();
    const before = await countAllRows();
    const response = await verifyMessenger(appId, q);
    expect(response.status).toBe(status);
    expect(await response.text()).not.toContain("1158201444");
    expect(await countAllRows()).toEqual(before);
  });
});
