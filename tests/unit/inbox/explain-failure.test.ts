import { describe, expect, it } from "vitest";
import { classifyFetchFailure } from "@/lib/channels/http";
import { sendMessengerMessage } from "@/lib/channels/messenger/send";
import { describeTwilioError } from "@/lib/channels/whatsapp/errors";
import { FAILURE } from "@/lib/inbox/failure-reasons";
import { explainFailure } from "@/lib/inbox/explain-failure";

/** The stored text of a Messenger refusal, made by the real send code from Graph's answer. */
async function messengerFailure(status: number, body: unknown): Promise<string> {
  const fetchImpl = (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;
  const outcome = await sendMessengerMessage(
    { pageId: "1", pageAccessToken: "token", appSecret: "secret" },
    { contactId: "2", text: "hi" },
    { fetchImpl },
  );
  if (outcome.kind === "sent") throw new Error("expected a failure");
  return outcome.reason;
}

const graphError = (code: number, subcode?: number, message = "Meta said no") => ({
  error: { message, type: "OAuthException", code, ...(subcode ? { error_subcode: subcode } : {}) },
});

describe("explainFailure: Twilio error codes", () => {
  it.each([
    ["63016", "outside_window", false],
    ["63024", "recipient_invalid", false],
    ["63003", "recipient_invalid", false],
    ["21211", "recipient_invalid", false],
    ["21610", "recipient_blocked", false],
    ["30004", "recipient_blocked", false],
    ["30007", "content_rejected", false],
    ["20003", "app_setup", false],
    ["63007", "app_setup", false],
    ["30003", "recipient_unreachable", true],
    ["63018", "rate_limited", true],
    ["20429", "rate_limited", true],
    ["20500", "provider_unavailable", true],
    ["30008", "provider_unavailable", true],
  ])("Twilio %s → %s (retryable: %s)", (code, reason, retryable) => {
    // Both ways a Twilio failure is stored: an HTTP refusal or a status callback with ErrorMessage.
    for (const stored of [describeTwilioError(code, "Twilio's own words"), describeTwilioError(code)]) {
      expect(explainFailure(stored)).toEqual({ reason, retryable, provider: "twilio", code });
    }
  });

  it("an unknown Twilio code is a refusal, not offered again, with the code kept", () => {
    expect(explainFailure(describeTwilioError("99999", "Something new"))).toEqual({ reason: "refused", retryable: false, provider: "twilio", code: "99999" });
  });
});

describe("explainFailure: Meta Graph error codes", () => {
  it.each([
    [400, graphError(10, 2018278), "outside_window", false, "10/2018278"],
    [400, graphError(551, undefined, "This person isn't available right now."), "recipient_blocked", false, "551"],
    [400, graphError(100, 2018001, "No matching user found"), "recipient_invalid", false, "100/2018001"],
    [400, graphError(190, undefined, "Invalid OAuth access token"), "app_setup", false, "190"],
    [400, graphError(100, 33), "refused", false, "100/33"],
    [400, graphError(613, undefined, "Calls to this api have exceeded the rate limit."), "rate_limited", true, "613"],
    [400, graphError(4), "rate_limited", true, "4"],
    [500, graphError(2, undefined, "Service temporarily unavailable"), "provider_unavailable", true, "2"],
    [500, graphError(1200, undefined, "Temporary send message failure"), "provider_unavailable", true, "1200"],
  ])("HTTP %s %j → %s (retryable: %s)", async (status, body, reason, retryable, code) => {
    expect(explainFailure(await messengerFailure(status, body))).toEqual({ reason, retryable, provider: "meta", code });
  });

  it("a 503 without details is the provider being unavailable, worth another try", async () => {
    expect(explainFailure(await messengerFailure(503, null))).toMatchObject({ reason: "provider_unavailable", retryable: true });
  });
});

describe("explainFailure: failures of the connection and our own", () => {
  it("a refused connection and a timeout can be retried", () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) });
    expect(explainFailure(classifyFetchFailure("Twilio", refused, 10_000).reason)).toEqual({ reason: "network", retryable: true, provider: "twilio", code: null });
    const timeout = Object.assign(new Error("timed out"), { name: "TimeoutError" });
    expect(explainFailure(classifyFetchFailure("Messenger", timeout, 10_000).reason)).toEqual({ reason: "timeout", retryable: true, provider: "meta", code: null });
  });

  it("an unknown outcome is the user's call; a removed app is final", () => {
    expect(explainFailure(FAILURE.unknownOutcome)).toMatchObject({ reason: "unknown_outcome", retryable: true });
    expect(explainFailure(FAILURE.appGone)).toMatchObject({ reason: "app_gone", retryable: false });
  });

  it("text it cannot read is a refusal and is not offered again", () => {
    expect(explainFailure("Something odd")).toEqual({ reason: "refused", retryable: false, provider: null, code: null });
    expect(explainFailure(null)).toEqual({ reason: "refused", retryable: false, provider: null, code: null });
  });
});
