import { describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "@/lib/accounts/password-policy";

describe("the password rule (spec §12)", () => {
  it.each([
    ["9 characters", "123456789", "password_too_short"],
    ["the email", "ada@acme.test", "password_is_email"],
    ["the email in capitals with spaces", "  ADA@ACME.TEST ", "password_is_email"],
    ["10 characters", "1234567890", null],
    ["a long passphrase", "correct horse battery staple", null],
  ])("%s → %s", (_name, password, expected) => {
    expect(passwordProblem(password, "ada@acme.test")).toBe(expected);
  });

  it("asks for at least 10 characters", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
  });
});
