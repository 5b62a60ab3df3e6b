import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { fetchMessengerProfileName } from "@/lib/channels/messenger/profile";
import type { MessengerCredentials } from "@/lib/channels/types";
import { refusedBaseUrl, startHttpStandIn, type HttpStandIn, type StandInReply } from "@/tests/stand-ins/http-stand-in";

const CREDENTIALS: MessengerCredentials = { pageId: "111122223333", pageAccessToken: "EAAG-token", appSecret: "s" };
const PSID = "7000000000000001";

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

describe("fetchMessengerProfileName", () => {
  it("asks Graph for the first and last name with the page token", async () => {
    useStub();
    reply = { status: 200, json: { first_name: "Ana", last_name: "Lopez", id: PSID } };
    expect(await fetchMessengerProfileName(CREDENTIALS, PSID)).toBe("Ana Lopez");
    const [request] = stub.requests;
    expect(request.method).toBe("GET");
    expect(request.path).toBe(`/v21.0/${PSID}`);
    expect(Object.fromEntries(request.query)).toEqual({ fields: "first_name,last_name", access_token: "EAAG-token" });
  });

  it("uses whichever name part is present", async () => {
    useStub();
    reply = { status: 200, json: { first_name: "Ana", id: PSID } };
    expect(await fetchMessengerProfileName(CREDENTIALS, PSID)).toBe("Ana");
  });

  it.each([
    ["a refusal", { status: 400, json: { error: { message: "Unsupported get request.", code: 100 } } }],
    ["a profile without names", { status: 200, json: { id: PSID } }],
    ["blank names", { status: 200, json: { first_name: " ", last_name: "" } }],
    ["a non-JSON answer", { status: 200, text: "<html></html>" }],
  ] as const)("returns null on %s", async (_case, answer) => {
    useStub();
    reply = answer;
    expect(await fetchMessengerProfileName(CREDENTIALS, PSID)).toBeNull();
  });

  it("throws on 5xx so the lookup can be retried", async () => {
    useStub();
    reply = { status: 503, text: "unavailable" };
    await expect(fetchMessengerProfileName(CREDENTIALS, PSID)).rejects.toThrow(/HTTP 503/);
  });

  it("throws when Meta can't be reached", async () => {
    vi.stubEnv("MESSENGER_API_BASE", `${await refusedBaseUrl()}/v21.0`);
    await expect(fetchMessengerProfileName(CREDENTIALS, PSID)).rejects.toThrow(/ECONNREFUSED/);
  });
});
