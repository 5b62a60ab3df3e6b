import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

const INBOX = "/messaging/unassigned";

describe("safeCallbackPath", () => {
  it.each(["/messaging/mine", "/messaging/closed?app=x&after=y", "/settings/integrations/messaging", "/", "/persons/1#notes"])(
    "keeps the same-site path %s",
    (path) => {
      expect(safeCallbackPath(path)).toBe(path);
    },
  );

  it.each([
    ["an absolute URL", "https://evil.example/messaging/mine"],
    ["an http URL", "http://localhost:3000/messaging/mine"],
    ["a protocol-relative URL", "//evil.example/path"],
    ["a backslash trick", "/\\evil.example"],
    ["a leading backslash", "\\\\evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "messaging/mine"],
    ["an empty string", ""],
    ["a number", 42],
    ["nothing", undefined],
    ["null", null],
    ["a list", ["/messaging/mine"]],
  ])("refuses %s and sends to the inbox", (_, value) => {
    expect(safeCallbackPath(value)).toBe(INBOX);
  });
});
