import { describe, it, expect } from "vitest";
import { constantTimeEqual } from "@/lib/crypto/constant-time";

describe("constantTimeEqual", () => {
  it.each([
    ["abc", "abc", true],
    ["", "", true],
    ["abc", "abd", false],
    ["abc", "abcd", false],
    ["abcd", "abc", false],
    ["", "a", false],
    ["é", "é", true],
    ["é", "e", false],
  ])("compares %j with %j as %s", (a, b, expected) => {
    expect(constantTimeEqual(a, b)).toBe(expected);
  });
});
