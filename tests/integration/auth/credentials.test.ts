import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { signInFailures } from "@/db/schema";
import { checkCredentials } from "@/lib/auth/credentials";
import { isSignInLimited, MAX_FAILURES_PER_WINDOW, recordSignInFailure, SIGN_IN_WINDOW_MS } from "@/lib/auth/sign-in-limit";
import { createUser, DEFAULT_PASSWORD } from "@/tests/factories";
import { uniqueToken } from "@/tests/factories/sequence";

const client = () => uniqueToken("203.0.113");
const refusal = { ok: false, reason: "invalid_credentials" };

async function failTimes(times: number, email: (i: number) => string, from: (i: number) => string) {
  for (let i = 0; i < times; i += 1) {
    expect(await checkCredentials({ email: email(i), password: "wrong-password" }, from(i))).toEqual(refusal);
  }
}

describe("checkCredentials", () => {
  it("accepts the right password", async () => {
    const user = await createUser({ name: "Ada" });

    expect(await checkCredentials({ email: user.email, password: DEFAULT_PASSWORD }, client())).toEqual({
      ok: true,
      user: { id: user.id, name: "Ada", email: user.email },
    });
  });

  it("accepts the email in another case and with spaces around it", async () => {
    const user = await createUser();

    const result = await checkCredentials({ email: `  ${user.email.toUpperCase()} `, password: DEFAULT_PASSWORD }, client());
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("gives a wrong password and an unknown email the same refusal", async () => {
    const user = await createUser();

    const wrongPassword = await checkCredentials({ email: user.email, password: "not-it" }, client());
    const unknownEmail = await checkCredentials({ email: "nobody@example.test", password: DEFAULT_PASSWORD }, client());
    expect(wrongPassword).toEqual(refusal);
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it("refuses a deactivated user with the same refusal, even with the right password", async () => {
    const user = await createUser({ isActive: false });

    expect(await checkCredentials({ email: user.email, password: DEFAULT_PASSWORD }, client())).toEqual(refusal);
  });

  it.each([
    ["no input", undefined],
    ["an empty password", { email: "a@example.test", password: "" }],
    ["a malformed email", { email: "not an email", password: "x" }],
    ["a password of the wrong type", { email: "a@example.test", password: 12 }],
  ])("refuses %s as wrong credentials", async (_, input) => {
    expect(await checkCredentials(input, client())).toEqual(refusal);
  });
});

describe("sign-in rate limit", () => {
  it(`limits an email after ${MAX_FAILURES_PER_WINDOW} failures, from any client and even with the right password`, async () => {
    const user = await createUser();
    await failTimes(MAX_FAILURES_PER_WINDOW, () => user.email, () => client());

    expect(await checkCredentials({ email: user.email, password: DEFAULT_PASSWORD }, client())).toEqual({
      ok: false,
      reason: "rate_limited",
    });
  });

  it(`limits a client after ${MAX_FAILURES_PER_WINDOW} failures, whatever email it tries next`, async () => {
    const user = await createUser();
    const attacker = client();
    await failTimes(MAX_FAILURES_PER_WINDOW, (i) => `guess-${i}-${attacker}@example.test`, () => attacker);

    expect(await checkCredentials({ email: user.email, password: DEFAULT_PASSWORD }, attacker)).toEqual({
      ok: false,
      reason: "rate_limited",
    });
    expect(await checkCredentials({ email: user.email, password: DEFAULT_PASSWORD }, client())).toMatchObject({ ok: true });
  });

  it("lets the tenth failure through as a plain refusal", async () => {
    const user = await createUser();
    await failTimes(MAX_FAILURES_PER_WINDOW - 1, () => user.email, () => client());

    expect(await checkCredentials({ email: user.email, password: "wrong" }, client())).toEqual(refusal);
    expect(await checkCredentials({ email: user.email, password: "wrong" }, client())).toEqual({ ok: false, reason: "rate_limited" });
  });

  it("forgets failures older than the window", async () => {
    const user = await createUser();
    const from = client();
    const longAgo = new Date(Date.now() - SIGN_IN_WINDOW_MS - 60_000);
    for (let i = 0; i < MAX_FAILURES_PER_WINDOW; i += 1) await recordSignInFailure(user.email, from, longAgo);

    expect(await isSignInLimited(user.email, from)).toBe(false);
    expect(await checkCredentials({ email: user.email, password: DEFAULT_PASSWORD }, from)).toMatchObject({ ok: true });
  });

  it("clears the email's failures after a successful sign-in", async () => {
    const user = await createUser();
    await failTimes(MAX_FAILURES_PER_WINDOW - 1, () => user.email, () => client());
    expect(await checkCredentials({ email: user.email, password: DEFAULT_PASSWORD }, client())).toMatchObject({ ok: true });

    await failTimes(MAX_FAILURES_PER_WINDOW - 1, () => user.email, () => client());
    expect(await isSignInLimited(user.email, client())).toBe(false);
  });

  it("keeps the count in the database, where every app instance reads it", async () => {
    const user = await createUser();
    const from = client();
    await failTimes(3, () => user.email, () => from);

    const db = await getDb();
    const [byEmail] = await db.select({ n: count() }).from(signInFailures).where(eq(signInFailures.key, `email:${user.email}`));
    const [byClient] = await db.select({ n: count() }).from(signInFailures).where(eq(signInFailures.key, `client:${from}`));
    expect([byEmail!.n, byClient!.n]).toEqual([3, 3]);
  });
});
