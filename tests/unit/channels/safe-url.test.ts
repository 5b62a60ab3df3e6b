import { describe, it, expect } from "vitest";
import { isHttpUrl } from "@/lib/safe-url";

describe("isHttpUrl", () => {
  it.each(["https://scontent.xx.fbcdn.net/v/abc.jpg", "http://example.com", "HTTPS://EXAMPLE.COM/x"])(
    "accepts %s",
    (url) => {
      expect(isHttpUrl(url)).toBe(true);
    },
  );

  it.each([
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://example.com/file",
    "/relative/path",
    "example.com",
    "",
    " javascript:alert(1)",
  ])("rejects %j", (url) => {
    expect(isHttpUrl(url)).toBe(false);
  });
});
