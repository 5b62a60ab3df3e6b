import { describe, expect, it } from "vitest";
import { callProvider, classifyFetchFailure, isRetryableStatus } from "@/lib/channels/http";

function fetchFailed(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

function systemError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe("classifyFetchFailure", () => {
  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"])(
    "calls %s transient: the request never left",
    (code) => {
      expect(classifyFetchFailure("Twilio", fetchFailed(systemError(code)), 1000)).toEqual({
        kind: "transient",
        reason: `Could not reach Twilio (${code})`,
      });
    },
  );

  it("calls a refused connection on every address transient", () => {
    const cause = Object.assign(new AggregateError([systemError("ECONNREFUSED"), systemError("ECONNREFUSED")]), {
      code: "ECONNREFUSED",
    });
    expect(classifyFetchFailure("Twilio", fetchFailed(cause), 1000)).toMatchObject({ kind: "transient" });
  });

  it.each(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"])("calls %s unknown: the request may have arrived", (code) => {
    expect(classifyFetchFailure("Twilio", fetchFailed(systemError(code)), 1000)).toMatchObject({
      kind: "unknown",
      reason: expect.stringContaining(code),
    });
  });

  it("calls a failure without a system error code unknown", () => {
    expect(classifyFetchFailure("Twilio", fetchFailed(new Error("other side closed")), 1000)).toMatchObject({
      kind: "unknown",
    });
  });

  it.each(["TimeoutError", "AbortError"])("calls a %s unknown", (name) => {
    const error = new DOMException("The operation was aborted due to timeout", name);
    expect(classifyFetchFailure("Messenger", error, 2500)).toEqual({
      kind: "unknown",
      reason: "Messenger did not answer within 2500 ms; the message may have been sent",
    });
  });

  it("rethrows errors that are not network failures", () => {
    const bug = new RangeError("bug");
    expect(() => classifyFetchFailure("Twilio", bug, 1000)).toThrow(bug);
    expect(() => classifyFetchFailure("Twilio", new TypeError("x is not a function"), 1000)).toThrow(TypeError);
  });
});

describe("callProvider", () => {
  it("turns a fetch failure into an outcome", async () => {
    const fetchImpl: typeof fetch = async () => {
      throw fetchFailed(systemError("ENOTFOUND"));
    };
    const result = await callProvider("Twilio", new URL("https://api.twilio.invalid/"), {}, { fetchImpl });
    expect(result).toEqual({ ok: false, outcome: { kind: "transient", reason: "Could not reach Twilio (ENOTFOUND)" } });
  });

  it("reads a JSON body, and a non-JSON body as null", async () => {
    const json: typeof fetch = async () => new Response('{"a":1}', { status: 201 });
    const html: typeof fetch = async () => new Response("<html>", { status: 502 });
    const url = new URL("https://example.test/");
    expect(await callProvider("X", url, {}, { fetchImpl: json })).toEqual({ ok: true, response: { status: 201, body: { a: 1 } } });
    expect(await callProvider("X", url, {}, { fetchImpl: html })).toEqual({ ok: true, response: { status: 502, body: null } });
  });
});

describe("isRetryableStatus", () => {
  it.each([
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [200, false],
  ])("treats %i as retryable: %s", (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});
