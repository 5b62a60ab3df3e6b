import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { checkCredentials } from "@/lib/auth/credentials";
import { createUser, DEFAULT_PASSWORD } from "@/tests/factories";
import { uniqueToken } from "@/tests/factories/sequence";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

const client = () => uniqueToken("203.0.113");
const refusal = { ok: false, reason: "invalid_credentials" };

describe("checkCredentials", () => {
  it("accepts the right password", async () => {
    const user = await createUser({ name: "Ada" });

    expect(await checkCredentials(db, { email: user.email, password: DEFAULT_PASSWORD }, client())).toEqual({
      ok: true,
      user: { id: user.id, name: "Ada", email: user.email },
    });
  });

  it("accepts the email in another case and with spaces around it", async () => {
    const user = await createUser();

    const result = await checkCredentials(db, { email: `  ${user.email.toUpperCase()} `, password: DEFAULT_PASSWORD }, client());
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("gives a wrong password and an unknown email the same refusal", async () => {
    const user = await createUser();

    const wrongPassword = await checkCredentials(db, { email: user.email, password: "not-it" }, client());
    const unknownEmail = await checkCredentials(db, { email: "nobody@example.test", password: DEFAULT_PASSWORD }, client());
    expect(wrongPassword).toEqual(refusal);
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it("refuses a deactivated user with the same refusal, even with the right password", async () => {
    const user = await createUser({ isActive: false });

    expect(await checkCredentials(db, { email: user.email, password: DEFAULT_PASSWORD }, client())).toEqual(refusal);
  });

  it.each([
    ["no input", undefined],
    ["an empty password", { email: "a@example.test", password: "" }],
    ["a malformed email", { email: "not an email", password: "x" }],
    ["a password of the wrong type", { email: "a@example.test", password: 12 }],
  ])("refuses %s as wrong credentials", async (_, input) => {
    expect(await checkCredentials(db, input, client())).toEqual(refusal);
  });
});
