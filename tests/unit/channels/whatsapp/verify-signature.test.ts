import { describe, it, expect } from "vitest";
import type { FormParams } from "@/lib/channels/whatsapp/form";
import { signTwilioRequest } from "@/lib/channels/whatsapp/sign";
import { verifyTwilioSignature } from "@/lib/channels/whatsapp/verify-signature";

// Official vectors: twilio/twilio-node spec/validation.spec.js (PROVIDERS.md §1.4).
const TOKEN = "12345";
const URL_ = "https://mycompany.com/myapp.php?foo=1&bar=2";
const PARAMS: FormParams = {
  CallSid: "CA1234567890ABCDE",
  Caller: "+14158675309",
  Digits: "1234",
  From: "+14158675309",
  To: "+18005551212",
};
const SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
const SIGNATURE_WITH_443 = "kvajT1Ptam85bY51eRf/AJRuM3w=";

describe("signTwilioRequest", () => {
  it("matches Twilio's official vector", () => {
    expect(signTwilioRequest(TOKEN, URL_, PARAMS)).toBe(SIGNATURE);
  });

  it("signs the URL exactly as given, so an explicit :443 changes the signature", () => {
    expect(signTwilioRequest(TOKEN, "https://mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS)).toBe(
      SIGNATURE_WITH_443,
    );
  });

  it("does not depend on the order the parameters arrive in", () => {
    const reversed = Object.fromEntries(Object.entries(PARAMS).reverse());
    expect(signTwilioRequest(TOKEN, URL_, reversed)).toBe(SIGNATURE);
  });

  it("signs a repeated parameter's values sorted, whatever their order", () => {
    const vector = "83O6e2vORAoJHUNzJjDWN1jz+BA=";
    expect(signTwilioRequest(TOKEN, URL_, { "MessagingBinding.Address": ["+1325xxxxxxx", "+1415xxxxxxx"] })).toBe(vector);
    expect(signTwilioRequest(TOKEN, URL_, { "MessagingBinding.Address": ["+1415xxxxxxx", "+1325xxxxxxx"] })).toBe(vector);
  });

  it("drops duplicate values of a repeated parameter", () => {
    const params = { Sid: "CA123", SidAccount: "AC123", Digits: ["5678", "1234", "1234"] };
    expect(signTwilioRequest(TOKEN, URL_, params)).toBe("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
  });

  it("is the same function the simulator signs with", () => {
    expect(signTwilioRequest(TOKEN, URL_, PARAMS)).toBe(SIGNATURE);
  });
});

describe("verifyTwilioSignature", () => {
  it("accepts the official vector", () => {
    expect(verifyTwilioSignature(TOKEN, SIGNATURE, URL_, PARAMS)).toBe(true);
  });

  it("accepts a signature made over the URL with the default port added", () => {
    expect(verifyTwilioSignature(TOKEN, SIGNATURE_WITH_443, URL_, PARAMS)).toBe(true);
  });

  it("accepts a signature made without the port when our URL has :443", () => {
    expect(verifyTwilioSignature(TOKEN, SIGNATURE, "https://mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS)).toBe(true);
  });

  it("accepts a signature without the port when our URL has a custom port", () => {
    expect(verifyTwilioSignature(TOKEN, SIGNATURE, "https://mycompany.com:1234/myapp.php?foo=1&bar=2", PARAMS)).toBe(true);
  });

  it.each([
    ["http with a custom port", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="],
    ["http with :80 added", "http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4="],
    ["credentials in the URL", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "CukzLTc1tT5dXEDIHm/tKBanW10="],
    ["a username only", "https://user@mycompany.com/myapp.php?foo=1&bar=2", "2YRLlVAflCqxaNicjMpJcSTgzSs="],
    ["credentials with :443 added", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI="],
    ["special characters in the query", "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's+amazing", "dsq4Ehbj6cs+KdTkpF5sSSplOWw="],
  ])("accepts twilio-node's vector for %s", (_case, url, signature) => {
    expect(verifyTwilioSignature(TOKEN, signature, url, PARAMS)).toBe(true);
  });

  it("accepts the array vector", () => {
    const params = { "MessagingBinding.Address": ["+1415xxxxxxx", "+1325xxxxxxx"] };
    expect(verifyTwilioSignature(TOKEN, "83O6e2vORAoJHUNzJjDWN1jz+BA=", URL_, params)).toBe(true);
  });

  it.each([
    ["a wrong signature", TOKEN, "WRONG_SIGNATURE", URL_, PARAMS],
    ["a missing header", TOKEN, null, URL_, PARAMS],
    ["an empty header", TOKEN, "", URL_, PARAMS],
    ["a wrong auth token", "54321", SIGNATURE, URL_, PARAMS],
    ["an empty auth token", "", signTwilioRequest("", URL_, PARAMS), URL_, PARAMS],
    ["an extra parameter", TOKEN, SIGNATURE, URL_, { ...PARAMS, Body: "injected" }],
    ["a changed value", TOKEN, SIGNATURE, URL_, { ...PARAMS, Digits: "9999" }],
    ["another path", TOKEN, SIGNATURE, "https://mycompany.com/other.php?foo=1&bar=2", PARAMS],
    ["another query", TOKEN, SIGNATURE, "https://mycompany.com/myapp.php?foo=1&bar=3", PARAMS],
    ["another scheme", TOKEN, SIGNATURE, "http://mycompany.com/myapp.php?foo=1&bar=2", PARAMS],
  ])("rejects %s", (_case, token, header, url, params) => {
    expect(verifyTwilioSignature(token, header, url, params)).toBe(false);
  });
});

describe("verifyTwilioSignature with special characters in the query", () => {
  const raw = "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's+amazing";

  it("accepts a signature over the WHATWG-encoded query (' as %27)", () => {
    const encoded = signTwilioRequest(TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It%27s+amazing", PARAMS);
    expect(verifyTwilioSignature(TOKEN, encoded, raw, PARAMS)).toBe(true);
  });

  it("accepts a signature over Node's legacy querystring encoding", () => {
    const legacy = signTwilioRequest(TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's%20amazing", PARAMS);
    expect(verifyTwilioSignature(TOKEN, legacy, raw, PARAMS)).toBe(true);
  });
});
