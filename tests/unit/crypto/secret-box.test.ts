import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openJson, sealJson } from "@/lib/crypto/secret-box";

const KEY_A = "a".repeat(64);
const KEY_B = "b".repeat(64);

function replacePart(sealed: string, index: number, edit: (part: string) => string): string {
  const parts = sealed.split(".");
  parts[index] = edit(parts[index]);
  return parts.join(".");
}

function flipFirstChar(part: string): string {
  return (part[0] === "A" ? "B" : "A") + part.slice(1);
}

describe("secret box", () => {
  beforeEach(() => {
    vi.stubEnv("APP_SECRET_KEY", KEY_A);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("round-trips JSON values", () => {
    const credentials = { pageId: "111122223333", pageAccessToken: "EAAG…ü", nested: [1, null, true] };
    expect(openJson(sealJson(credentials))).toEqual(credentials);
    expect(openJson(sealJson("plain"))).toBe("plain");
  });

  it("writes a versioned v1.<iv>.<tag>.<ciphertext> string with a fresh IV each time", () => {
    const first = sealJson({ a: 1 });
    const second = sealJson({ a: 1 });
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("\"a\"");
  });

  it.each([
    ["iv", 1],
    ["tag", 2],
    ["ciphertext", 3],
  ])("throws when the %s was altered", (_name, index) => {
    const sealed = sealJson({ authToken: "secret" });
    expect(() => openJson(replacePart(sealed, index, flipFirstChar))).toThrow();
  });

  it("throws when a trailing character changes only unused base64 bits", () => {
    const sealed = sealJson({ authToken: "secret" });
    // The tag is 16 bytes = 22 base64url chars; the last char carries 4 spare bits, so
    // flipping its lowest bit leaves the decoded bytes unchanged.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const tampered = replacePart(sealed, 2, (tag) => tag.slice(0, -1) + alphabet[alphabet.indexOf(tag[21]) ^ 1]);
    expect(Buffer.from(tampered.split(".")[2], "base64url")).toEqual(Buffer.from(sealed.split(".")[2], "base64url"));
    expect(() => openJson(tampered)).toThrow();
  });

  it("throws on a truncated tag, a missing part or an unknown version", () => {
    const sealed = sealJson({ x: 1 });
    expect(() => openJson(replacePart(sealed, 2, (tag) => tag.slice(0, 8)))).toThrow();
    expect(() => openJson(sealed.split(".").slice(0, 3).join("."))).toThrow();
    expect(() => openJson(replacePart(sealed, 0, () => "v2"))).toThrow();
  });

  it("throws when opened with another key", () => {
    const sealed = sealJson({ x: 1 });
    vi.stubEnv("APP_SECRET_KEY", KEY_B);
    expect(() => openJson(sealed)).toThrow();
  });

  it("generates and keeps a key under the data dir when APP_SECRET_KEY is unset", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-box-"));
    vi.stubEnv("APP_SECRET_KEY", undefined);
    vi.stubEnv("SWITCHBOARD_DATA_DIR", dir);
    try {
      const sealed = sealJson({ kept: true });
      const kept = fs.readFileSync(path.join(dir, "app-secret-key"), "utf8");
      expect(kept).toMatch(/^[0-9a-f]{64}$/);
      expect(openJson(sealed)).toEqual({ kept: true });
      vi.stubEnv("APP_SECRET_KEY", kept);
      expect(openJson(sealed)).toEqual({ kept: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses values without a JSON representation", () => {
    expect(() => sealJson(undefined)).toThrow();
  });
});
