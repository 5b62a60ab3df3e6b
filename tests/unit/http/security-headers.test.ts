import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/http/security-headers";

const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.split(" ")[0] === name);

describe("security headers (SPEC §15)", () => {
  it("allows scripts only with this request's nonce, in production and development", () => {
    for (const development of [false, true]) {
      const csp = contentSecurityPolicy({ nonce: "abc123==", development, https: false });
      expect(directive(csp, "script-src")).toContain("'nonce-abc123=='");
      expect(directive(csp, "script-src")).not.toContain("unsafe-inline");
    }
    expect(directive(contentSecurityPolicy({ nonce: "n", development: false, https: false }), "script-src")).not.toContain("unsafe-eval");
  });

  it("forbids framing and plugins, and sends nosniff and the referrer policy", () => {
    const headers = securityHeaders({ nonce: "n", development: false, https: false });
    expect(directive(headers["Content-Security-Policy"]!, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(headers["Content-Security-Policy"]!, "object-src")).toBe("object-src 'none'");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("sends HSTS only when APP_URL is https", () => {
    expect(securityHeaders({ nonce: "n", development: false, https: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", development: false, https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{7,}/);
  });

  it("makes a new 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from([...nonces][0]!, "base64")).toHaveLength(16);
  });
});
