import { createHmac } from "node:crypto";
import { describe, it, expect } from "vitest";
import { signMessengerBody } from "@/lib/channels/messenger/sign";
import { verifyMessengerSignature } from "@/lib/channels/messenger/verify-signature";

const APP_SECRET = "0123456789abcdef0123456789abcdef";
const BODY = '{"object":"page","entry":[{"id":"111122223333","time":1718000000500,"messaging":[]}]}';
// Computed independently of the code under test.
const EXPECTED = `sha256=${createHmac("sha256", APP_SECRET).update(Buffer.from(BODY, "utf8")).digest("hex")}`;

describe("Messenger signature", () => {
  it("signs as sha256= plus lower-case hex HMAC-SHA256 of the raw body", () => {
    expect(signMessengerBody(BODY, APP_SECRET)).toBe(EXPECTED);
    expect(signMessengerBody(Buffer.from(BODY), APP_SECRET)).toBe(EXPECTED);
    expect(EXPECTED).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it("accepts a correctly signed body given as a string or as bytes", () => {
    expect(verifyMessengerSignature(BODY, EXPECTED, APP_SECRET)).toBe(true);
    expect(verifyMessengerSignature(Buffer.from(BODY), EXPECTED, APP_SECRET)).toBe(true);
  });

  it("signs the raw bytes, so re-serialised JSON no longer matches", () => {
    const reserialised = JSON.stringify(JSON.parse(BODY), null, 1);
    expect(verifyMessengerSignature(reserialised, EXPECTED, APP_SECRET)).toBe(false);
  });

  it("signs non-ASCII bodies over their UTF-8 bytes", () => {
    const body = '{"text":"héllo 👋"}';
    const header = `sha256=${createHmac("sha256", APP_SECRET).update(Buffer.from(body, "utf8")).digest("hex")}`;
    expect(verifyMessengerSignature(Buffer.from(body, "utf8"), header, APP_SECRET)).toBe(true);
  });

  it.each([
    ["a tampered body", BODY.replace("111122223333", "111122223334"), EXPECTED, APP_SECRET],
    ["a wrong app secret", BODY, EXPECTED, "another-secret"],
    ["a missing header", BODY, null, APP_SECRET],
    ["an empty header", BODY, "", APP_SECRET],
    ["a wrong prefix", BODY, EXPECTED.replace("sha256=", "sha1="), APP_SECRET],
    ["no prefix", BODY, EXPECTED.slice("sha256=".length), APP_SECRET],
    ["upper-case prefix", BODY, EXPECTED.replace("sha256=", "SHA256="), APP_SECRET],
    ["a truncated signature", BODY, EXPECTED.slice(0, -2), APP_SECRET],
    ["an empty app secret", BODY, signMessengerBody(BODY, ""), ""],
  ])("rejects %s", (_case, body, header, secret) => {
    expect(verifyMessengerSignature(body, header, secret)).toBe(false);
  });
});
