import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sendMessengerMessage } from "@/lib/channels/messenger/send";
import type { MessengerCredentials } from "@/lib/channels/types";
import { refusedBaseUrl, startHttpStandIn, type HttpStandIn, type StandInReply } from "@/tests/stand-ins/http-stand-in";

const CREDENTIALS: MessengerCredentials = { pageId: "111122223333", pageAccessToken: "EAAG-token/+=", appSecret: "s" };
const REQUEST = { contactId: "7000000000000001", text: "hello, world" };

let reply: StandInReply = { status: 200 };
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
  vi.stubEnv("MESSENGER_API_BASE", `${stub.origin}/v21.0`);
}

describe("sendMessengerMessage", () => {
  it("posts the documented Send API request", async () => {
    useStub();
    reply = { status: 200, json: { recipient_id: REQUEST.contactId, message_id: "m_AG5Hz2U" } };
    await sendMessengerMessage(CREDENTIALS, REQUEST);
    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v21.0/111122223333/messages");
    expect([...request.query]).toEqual([["access_token", "EAAG-token/+="]]);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual({
      recipient: { id: "7000000000000001" },
      messaging_type: "RESPONSE",
      message: { text: "hello, world" },
    });
  });

  it("sends a reply 24 h – 7 days after the customer wrote with the HUMAN_AGENT message tag", async () => {
    useStub();
    reply = { status: 200, json: { recipient_id: REQUEST.contactId, message_id: "m_tagged" } };
    await sendMessengerMessage(CREDENTIALS, { ...REQUEST, tag: "HUMAN_AGENT" });
    expect(JSON.parse(stub.requests[0]!.body)).toEqual({
      recipient: { id: "7000000000000001" },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "hello, world" },
    });
  });

  it("tolerates a trailing slash on MESSENGER_API_BASE", async () => {
    vi.stubEnv("MESSENGER_API_BASE", `${stub.origin}/v21.0/`);
    reply = { status: 200, json: { message_id: "m_1" } };
    await sendMessengerMessage(CREDENTIALS, REQUEST);
    expect(stub.requests[0].path).toBe("/v21.0/111122223333/messages");
  });

  it("returns sent with the message id on 200", async () => {
    useStub();
    reply = { status: 200, json: { recipient_id: REQUEST.contactId, message_id: "m_AG5Hz2U" } };
    expect(await sendMessengerMessage(CREDENTIALS, REQUEST)).toEqual({ kind: "sent", providerMessageId: "m_AG5Hz2U" });
  });

  it("returns unknown when a 200 carries no message id", async () => {
    useStub();
    reply = { status: 200, text: "<html>ok</html>" };
    expect(await sendMessengerMessage(CREDENTIALS, REQUEST)).toMatchObject({ kind: "unknown" });
  });

  it("refuses with a 24-hour window reason on code 10 / subcode 2018278, keeping Meta's text", async () => {
    useStub();
    const message = "(#10) This message is sent outside of allowed window.";
    reply = {
      status: 400,
      json: { error: { message, type: "OAuthException", code: 10, error_subcode: 2018278, fbtrace_id: "BLBz" } },
    };
    const outcome = await sendMessengerMessage(CREDENTIALS, REQUEST);
    expect(outcome.kind).toBe("refused");
    if (outcome.kind !== "refused") return;
    expect(outcome.reason).toContain(
      "Outside Messenger's 24-hour window: the customer has to write first (Meta error 10/2018278)",
    );
    expect(outcome.reason).toContain(message);
  });

  it("recognises the window from Meta's message when the subcode is missing", async () => {
    useStub();
    reply = { status: 400, json: { error: { message: "(#10) This message is sent outside of allowed window.", code: 10 } } };
    const outcome = await sendMessengerMessage(CREDENTIALS, REQUEST);
    expect(outcome).toMatchObject({ kind: "refused", reason: expect.stringContaining("Outside Messenger's 24-hour window") });
  });

  it("does not call every code 10 a window problem", async () => {
    useStub();
    reply = { status: 403, json: { error: { message: "(#10) Application does not have permission", code: 10 } } };
    expect(await sendMessengerMessage(CREDENTIALS, REQUEST)).toEqual({
      kind: "refused",
      reason: "Messenger refused the message: (#10) Application does not have permission (Meta error 10)",
    });
  });

  it("refuses with Graph's message on other 4xx", async () => {
    useStub();
    reply = { status: 400, json: { error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190 } } };
    expect(await sendMessengerMessage(CREDENTIALS, REQUEST)).toEqual({
      kind: "refused",
      reason: "Messenger refused the message: Invalid OAuth access token. (Meta error 190)",
    });
  });

  it.each([
    ["503", { status: 503, text: "Service Unavailable" }],
    ["500 with a Graph error", { status: 500, json: { error: { message: "An unexpected error has occurred.", code: 2 } } }],
    ["429", { status: 429, json: { error: { message: "Too many calls", code: 613 } } }],
    ["400 with a throttling code", { status: 400, json: { error: { message: "(#613) Calls to this api have exceeded the rate limit.", code: 613 } } }],
    ["400 flagged is_transient", { status: 400, json: { error: { message: "Temporary", code: 1, is_transient: true } } }],
  ] as const)("returns transient on %s", async (_case, answer) => {
    useStub();
    reply = answer;
    expect(await sendMessengerMessage(CREDENTIALS, REQUEST)).toMatchObject({ kind: "transient" });
  });

  it("returns transient when the connection is refused", async () => {
    vi.stubEnv("MESSENGER_API_BASE", `${await refusedBaseUrl()}/v21.0`);
    expect(await sendMessengerMessage(CREDENTIALS, REQUEST)).toMatchObject({
      kind: "transient",
      reason: expect.stringContaining("ECONNREFUSED"),
    });
  });

  it("returns unknown when Meta doesn't answer in time", async () => {
    useStub();
    reply = "hang";
    expect(await sendMessengerMessage(CREDENTIALS, REQUEST, { timeoutMs: 100 })).toMatchObject({ kind: "unknown" });
  });

  it("returns unknown when the connection drops after the request was sent", async () => {
    useStub();
    reply = "destroy";
    expect(await sendMessengerMessage(CREDENTIALS, REQUEST)).toMatchObject({ kind: "unknown" });
    expect(stub.requests).toHaveLength(1);
  });
});

describe("sendMessengerMessage with a file (SPEC §14)", () => {
  it("sends the attachment payload Meta fetches from the link, and no text beside it", async () => {
    useStub();
    reply = { status: 200, json: { recipient_id: REQUEST.contactId, message_id: "m_file" } };
    const url = "https://app.example/api/files/f1?signature=1.x";
    await sendMessengerMessage(CREDENTIALS, { ...REQUEST, text: "", reference: "msg-1", attachment: { type: "file", url } });
    expect(JSON.parse(stub.requests[0]!.body)).toEqual({
      recipient: { id: "7000000000000001" },
      messaging_type: "RESPONSE",
      message: { attachment: { type: "file", payload: { url, is_reusable: false } }, metadata: "msg-1" },
    });
  });
});
