import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeAuthRedirect, safeCallbackPath } from "@/lib/auth/callback-url";

const BASE = "http://localhost:3000";
const INBOX = DEFAULT_AFTER_SIGN_IN;

describe("safeCallbackPath", () => {
  it.each(["/messaging/mine", "/messaging/closed?app=x&after=y", "/settings/integrations/messaging", "/", "/persons/1#notes", "/persons?q=a%2Fb"])(
    "keeps the same-site path %s",
    (path) => {
      expect(safeCallbackPath(path, BASE)).toBe(path);
    },
  );

  it("normalises dot segments onto the app's own path", () => {
    expect(safeCallbackPath("/messaging/../settings/integrations/messaging", BASE)).toBe("/settings/integrations/messaging");
  });

  it.each([
    ["a protocol-relative URL", "//x"],
    ["a backslash after the slash", "/\\x"],
    ["an encoded tab", "/%09/x"],
    ["an absolute https URL", "https://x"],
    ["a javascript: URL", "javascript:"],
    ["a javascript: URL with code", "javascript:alert(1)"],
    ["an absolute URL", "https://evil.example/messaging/mine"],
    ["an absolute URL on the app's own origin (only paths are taken)", "http://localhost:3000/messaging/mine"],
    ["a protocol-relative URL with a path", "//evil.example/path"],
    ["a leading backslash", "\\\\evil.example"],
    ["a raw tab", "/\t/evil.example"],
    ["a raw newline", "/\n/evil.example"],
    ["an encoded newline", "/%0a/evil.example"],
    ["an encoded carriage return", "/%0D/evil.example"],
    ["an encoded NUL", "/%00"],
    ["an encoded DEL", "/%7f/x"],
    ["an encoded backslash", "/%5cevil.example"],
    ["an encoded second slash", "/%2f/evil.example"],
    ["a doubly encoded tab", "/%2509/x"],
    ["a malformed escape", "/%E0%A4%A"],
    ["a relative path", "messaging/mine"],
    ["an empty string", ""],
    ["a very long path", `/${"a".repeat(3000)}`],
    ["a number", 42],
    ["nothing", undefined],
    ["null", null],
    ["a list", ["/messaging/mine"]],
  ])("refuses %s and sends to the inbox", (_, value) => {
    expect(safeCallbackPath(value, BASE)).toBe(INBOX);
  });
});

describe("safeAuthRedirect (Auth.js's redirect callback)", () => {
  const baseUrl = "http://localhost:3000";

  it("keeps an absolute URL on the request's own origin, and a path", () => {
    expect(safeAuthRedirect({ url: "http://localhost:3000/messaging/mine", baseUrl })).toBe("http://localhost:3000/messaging/mine");
    expect(safeAuthRedirect({ url: "/persons/1", baseUrl })).toBe("http://localhost:3000/persons/1");
  });

  it.each(["//x", "/\\x", "/%09/x", "https://x", "javascript:", "https://localhost:3000.evil.example/", "http://localhost:3001/messaging/mine"])(
    "sends %s to the inbox on our origin",
    (url) => {
      expect(safeAuthRedirect({ url, baseUrl })).toBe(`${baseUrl}${INBOX}`);
    },
  );
});
