import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { WhatsappCredentials } from "@/lib/channels/types";
import { sendWhatsappMessage } from "@/lib/channels/whatsapp/send";
import { refusedBaseUrl, startHttpStandIn, type HttpStandIn, type StandInReply } from "@/tests/stand-ins/http-stand-in";

const CREDENTIALS: WhatsappCredentials = {
  accountSid: "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  authToken: "auth-token",
  sender: "whatsapp:+14155238886",
};
const REQUEST = {
  contactId: "whatsapp:+14155551234",
  text: "Hello & welcome!",
  statusCallbackUrl: "https://switchboard.example/api/webhooks/whatsapp/app-1/status",
};
const CREATED = { sid: "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", status: "queued", to: REQUEST.contactId };

let reply: StandInReply = { status: 201, json: CREATED };
let stub: HttpStandIn;

beforeAll(async () => {
  stub = await startHttpStandIn({ answer: () => reply });
});
afterAll(async () => {
  await stub.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  stub.requests.length = 0;
});

function useStub() {
  vi.stubEnv("TWILIO_API_BASE", stub.origin);
}

describe("sendWhatsappMessage", () => {
  it("posts the documented Messages API request with basic auth", async () => {
    useStub();
    reply = { status: 201, json: CREATED };
    await sendWhatsappMessage(CREDENTIALS, REQUEST);
    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages.json");
    expect([...request.query]).toEqual([]);
    const expectedAuth = `Basic ${Buffer.from("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:auth-token").toString("base64")}`;
    expect(request.headers.authorization).toBe(expectedAuth);
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      To: "whatsapp:+14155551234",
      From: "whatsapp:+14155238886",
      Body: "Hello & welcome!",
      StatusCallback: "https://switchboard.example/api/webhooks/whatsapp/app-1/status",
    });
  });

  it("leaves StatusCallback out when none is given", async () => {
    useStub();
    reply = { status: 201, json: CREATED };
    await sendWhatsappMessage(CREDENTIALS, { contactId: REQUEST.contactId, text: "hi" });
    expect([...new URLSearchParams(stub.requests[0].body).keys()]).toEqual(["To", "From", "Body"]);
  });

  it.each([201, 200])("returns sent with the message sid on %i", async (status) => {
    useStub();
    reply = { status, json: CREATED };
    expect(await sendWhatsappMessage(CREDENTIALS, REQUEST)).toEqual({
      kind: "sent",
      providerMessageId: "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    });
  });

  it("returns unknown when a 2xx carries no sid", async () => {
    useStub();
    reply = { status: 201, json: {} };
    expect(await sendWhatsappMessage(CREDENTIALS, REQUEST)).toMatchObject({ kind: "unknown" });
  });

  it("refuses with the 24-hour window text on Twilio error 63016", async () => {
    useStub();
    reply = {
      status: 400,
      json: {
        code: 63016,
        message: "Failed to send freeform message because you are outside the allowed window.",
        more_info: "https://www.twilio.com/docs/errors/63016",
        status: 400,
      },
    };
    expect(await sendWhatsappMessage(CREDENTIALS, REQUEST)).toEqual({
      kind: "refused",
      reason: "Outside the 24-hour customer service window: WhatsApp only allows template messages now (Twilio error 63016)",
    });
  });

  it("refuses with Twilio's message and code on other 4xx", async () => {
    useStub();
    reply = { status: 401, json: { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 } };
    expect(await sendWhatsappMessage(CREDENTIALS, REQUEST)).toEqual({
      kind: "refused",
      reason: "Authenticate (Twilio error 20003)",
    });
  });

  it("refuses with the HTTP status when a 4xx has no error body", async () => {
    useStub();
    reply = { status: 404, text: "Not Found" };
    expect(await sendWhatsappMessage(CREDENTIALS, REQUEST)).toEqual({
      kind: "refused",
      reason: "Twilio answered HTTP 404 without error details",
    });
  });

  it.each([
    ["503", { status: 503, text: "Service Unavailable" }],
    ["429", { status: 429, json: { code: 20429, message: "Too Many Requests", status: 429 } }],
  ] as const)("returns transient on %s", async (_case, answer) => {
    useStub();
    reply = answer;
    expect(await sendWhatsappMessage(CREDENTIALS, REQUEST)).toMatchObject({ kind: "transient" });
  });

  it("returns transient when the connection is refused", async () => {
    vi.stubEnv("TWILIO_API_BASE", await refusedBaseUrl());
    expect(await sendWhatsappMessage(CREDENTIALS, REQUEST)).toMatchObject({
      kind: "transient",
      reason: expect.stringContaining("ECONNREFUSED"),
    });
  });

  it("returns unknown when Twilio doesn't answer in time", async () => {
    useStub();
    reply = "hang";
    expect(await sendWhatsappMessage(CREDENTIALS, REQUEST, { timeoutMs: 100 })).toMatchObject({ kind: "unknown" });
  });

  it("returns unknown when the connection drops after the request was sent", async () => {
    useStub();
    reply = "destroy";
    expect(await sendWhatsappMessage(CREDENTIALS, REQUEST)).toMatchObject({ kind: "unknown" });
  });
});

describe("sendWhatsappMessage with media and templates (SPEC §14)", () => {
  it("sends a file as MediaUrl with the words as its Body", async () => {
    useStub();
    reply = { status: 201, json: CREATED };
    await sendWhatsappMessage(CREDENTIALS, { ...REQUEST, attachment: { type: "image", url: "https://app.example/api/files/f1?signature=1.x" } });
    const form = new URLSearchParams(stub.requests[0]!.body);
    expect([form.get("Body"), form.get("MediaUrl")]).toEqual(["Hello & welcome!", "https://app.example/api/files/f1?signature=1.x"]);
  });

  it("sends a template as ContentSid and ContentVariables, without a Body", async () => {
    useStub();
    reply = { status: 201, json: CREATED };
    await sendWhatsappMessage(CREDENTIALS, {
      ...REQUEST,
      text: "Hi Petra",
      template: { contentSid: "HX0123456789abcdef0123456789abcdef", variables: { "1": "Petra" } },
    });
    const form = new URLSearchParams(stub.requests[0]!.body);
    expect(form.has("Body")).toBe(false);
    expect(form.get("ContentSid")).toBe("HX0123456789abcdef0123456789abcdef");
    expect(form.get("ContentVariables")).toBe('{"1":"Petra"}');
  });
});
