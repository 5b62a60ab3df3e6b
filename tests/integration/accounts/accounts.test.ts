import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { outboxEmails, sessions, users, workspaces } from "@/db/schema";
import { changePassword, confirmEmailChange, requestEmailChange, signOutEverywhere } from "@/lib/accounts/account";
import { MAX_LINK_REQUESTS } from "@/lib/auth/link-request-limit";
import { isResetTokenUsable, requestPasswordReset, resetPassword } from "@/lib/accounts/password-reset";
import { createWorkspaceWithAdmin } from "@/lib/accounts/setup";
import { checkCredentials } from "@/lib/auth/credentials";
import { consumeMagicLink, requestMagicLink } from "@/lib/auth/magic-link";
import { createSession } from "@/lib/auth/sessions";
import { actorOf, createUser, DEFAULT_PASSWORD } from "@/tests/factories";
import { snapshotDatabase } from "@/tests/support/db-snapshot";
import { uniqueToken } from "@/tests/factories/sequence";
import { startResendStandIn } from "@/tests/stand-ins/resend";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const newEmail = () => `${uniqueToken("person")}@example.test`;
const client = () => uniqueToken("198.51.100");

async function lastEmailTo(email: string) {
  const rows = await db.select().from(outboxEmails).where(eq(outboxEmails.to, email));
  return rows.at(-1);
}
const tokenIn = (text: string, path: string) => new RegExp(`${path}([A-Za-z0-9_-]{43})`).exec(text)?.[1];

async function sessionsOf(userId: string) {
  return (await db.select().from(sessions).where(eq(sessions.userId, userId))).map((row) => row.id).sort();
}

describe("creating a workspace (first run, signup)", () => {
  const input = () => ({ companyName: "Acme", name: "Ada", email: newEmail(), password: "a-good-password" });

  it("signup makes the workspace and its admin, who can then sign in", async () => {
    const form = input();
    const result = await createWorkspaceWithAdmin(db, form, "signup", "cs");

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, result.value.workspaceId));
    expect(workspace).toMatchObject({ name: "Acme", defaultLocale: "cs" });
    const [user] = await db.select().from(users).where(eq(users.id, result.value.userId));
    expect(user).toMatchObject({ role: "admin", name: "Ada", email: form.email, isActive: true });
    expect(await checkCredentials(db, { email: form.email, password: form.password }, null)).toMatchObject({ ok: true });
  });

  it("first run is refused once any workspace exists, changing nothing", async () => {
    await createUser();
    const before = await snapshotDatabase();
    expect(await createWorkspaceWithAdmin(db, input(), "firstRun", "en")).toEqual({ ok: false, reason: "setup_done" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it.each([
    ["a short password", { password: "too-short" }, "password_too_short"],
    ["the email as password", { email: "same@example.test", password: "SAME@example.test" }, "password_is_email"],
  ])("refuses %s, changing nothing", async (_name, override, reason) => {
    const before = await snapshotDatabase();
    expect(await createWorkspaceWithAdmin(db, { ...input(), ...override }, "signup", "en")).toEqual({ ok: false, reason });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("refuses an email already in use anywhere, changing nothing", async () => {
    const existing = await createUser();
    const before = await snapshotDatabase();
    expect(await createWorkspaceWithAdmin(db, { ...input(), email: existing.email }, "signup", "en")).toEqual({ ok: false, reason: "email_taken" });
    expect(await snapshotDatabase()).toEqual(before);
  });
});

describe("changing the password", () => {
  it("needs the current password and signs out every other session, keeping this one", async () => {
    const user = await createUser();
    const [here, phone, laptop] = [await createSession(db, user.id, null), await createSession(db, user.id, null), await createSession(db, user.id, null)];

    expect(await changePassword(db, actorOf(user), here, { currentPassword: DEFAULT_PASSWORD, newPassword: "a-brand-new-password" })).toEqual({
      ok: true,
      value: null,
    });

    expect(await sessionsOf(user.id)).toEqual([here]);
    expect([phone, laptop]).not.toContain(here);
    expect(await checkCredentials(db, { email: user.email, password: "a-brand-new-password" }, null)).toMatchObject({ ok: true });
  });

  it.each([
    ["a wrong current password", { currentPassword: "not-it", newPassword: "a-brand-new-password" }, "wrong_password"],
    ["a short new password", { currentPassword: DEFAULT_PASSWORD, newPassword: "short" }, "password_too_short"],
    ["the email as new password", { currentPassword: DEFAULT_PASSWORD, newPassword: "EMAIL" }, "password_is_email"],
  ])("refuses %s, changing nothing", async (_name, input, reason) => {
    const user = await createUser();
    const here = await createSession(db, user.id, null);
    await createSession(db, user.id, null);
    const before = await snapshotDatabase();

    const newPassword = input.newPassword === "EMAIL" ? user.email : input.newPassword;
    expect(await changePassword(db, actorOf(user), here, { ...input, newPassword })).toEqual({ ok: false, reason });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("sign out of all sessions ends this one too", async () => {
    const user = await createUser();
    await createSession(db, user.id, null);
    await createSession(db, user.id, null);
    await signOutEverywhere(db, actorOf(user));
    expect(await sessionsOf(user.id)).toEqual([]);
  });
});

describe("changing the email", () => {
  it("takes the new address only once the link sent there is opened, once", async () => {
    const user = await createUser();
    const next = newEmail();

    expect(await requestEmailChange(db, actorOf(user), { email: next })).toEqual({ ok: true, value: { email: next } });
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]!.email).toBe(user.email);
    const token = tokenIn((await lastEmailTo(next))!.text, "/confirm-email/");

    expect(await confirmEmailChange(db, token)).toEqual({ ok: true, value: { email: next } });
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]!.email).toBe(next);
    expect(await confirmEmailChange(db, token)).toEqual({ ok: false, reason: "link_invalid" });
  });

  it("refuses an address in use, changing nothing", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const before = await snapshotDatabase();
    expect(await requestEmailChange(db, actorOf(user), { email: other.email })).toEqual({ ok: false, reason: "email_taken" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("refuses at confirmation an address taken since, keeping the link", async () => {
    const user = await createUser();
    const next = newEmail();
    await requestEmailChange(db, actorOf(user), { email: next });
    const token = tokenIn((await lastEmailTo(next))!.text, "/confirm-email/");
    await createUser({ email: next });
    const before = await snapshotDatabase();

    expect(await confirmEmailChange(db, token)).toEqual({ ok: false, reason: "email_in_use" });
    expect(await snapshotDatabase()).toEqual(before);
  });
});

describe("forgotten password", () => {
  it("emails a 1-hour link that sets the password, signs every session out and works once", async () => {
    const user = await createUser({ locale: "cs" });
    await createSession(db, user.id, null);

    expect(await requestPasswordReset(db, user.email, client())).toEqual({ ok: true, value: null });
    const email = (await lastEmailTo(user.email))!;
    expect(email.subject).toBe("Obnovení hesla do Switchboardu");
    const token = tokenIn(email.text, "/reset-password/")!;
    expect(await isResetTokenUsable(db, token)).toBe(true);

    expect(await resetPassword(db, { token, password: "my-new-password" })).toEqual({ ok: true, value: { email: user.email } });
    expect(await sessionsOf(user.id)).toEqual([]);
    expect(await checkCredentials(db, { email: user.email, password: "my-new-password" }, null)).toMatchObject({ ok: true });

    const before = await snapshotDatabase();
    expect(await resetPassword(db, { token, password: "another-password" })).toEqual({ ok: false, reason: "link_invalid" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("answers an unknown email exactly as a known one, sending nothing", async () => {
    const unknown = newEmail();
    expect(await requestPasswordReset(db, unknown, client())).toEqual({ ok: true, value: null });
    expect(await lastEmailTo(unknown)).toBeUndefined();
  });

  it("voids earlier links when a new one is sent", async () => {
    const user = await createUser();
    await requestPasswordReset(db, user.email, client());
    const first = tokenIn((await lastEmailTo(user.email))!.text, "/reset-password/")!;
    await requestPasswordReset(db, user.email, client());
    expect(await isResetTokenUsable(db, first)).toBe(false);
  });

  it.each([
    ["a short password", "short"],
    ["the email", "EMAIL"],
  ])("refuses %s as the new password, keeping the link", async (_name, password) => {
    const user = await createUser();
    await requestPasswordReset(db, user.email, client());
    const token = tokenIn((await lastEmailTo(user.email))!.text, "/reset-password/")!;
    const before = await snapshotDatabase();

    const result = await resetPassword(db, { token, password: password === "EMAIL" ? user.email : password });
    expect(result.ok).toBe(false);
    expect(await snapshotDatabase()).toEqual(before);
    expect(await isResetTokenUsable(db, token)).toBe(true);
  });

  it(`allows ${MAX_LINK_REQUESTS} requests an hour per email, from any client`, async () => {
    const user = await createUser();
    for (let i = 0; i < MAX_LINK_REQUESTS; i += 1) expect((await requestPasswordReset(db, user.email, client())).ok).toBe(true);
    const before = await snapshotDatabase();
    expect(await requestPasswordReset(db, user.email, client())).toEqual({ ok: false, reason: "rate_limited" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it(`allows ${MAX_LINK_REQUESTS} requests an hour per client, for any emails, known or not`, async () => {
    const from = client();
    for (let i = 0; i < MAX_LINK_REQUESTS; i += 1) expect((await requestPasswordReset(db, newEmail(), from)).ok).toBe(true);
    const user = await createUser();
    expect(await requestPasswordReset(db, user.email, from)).toEqual({ ok: false, reason: "rate_limited" });
    expect(await lastEmailTo(user.email)).toBeUndefined();
    expect((await requestPasswordReset(db, user.email, client())).ok).toBe(true);
  });

  it("sends nothing to a deactivated user", async () => {
    const user = await createUser({ isActive: false });
    expect(await requestPasswordReset(db, user.email, client())).toEqual({ ok: true, value: null });
    expect(await lastEmailTo(user.email)).toBeUndefined();
  });
});

describe("magic-link sign-in", () => {
  it("is not offered without Resend", async () => {
    const user = await createUser();
    expect(await requestMagicLink(db, user.email, client())).toEqual({ ok: false, reason: "not_available" });
  });

  it("sends a link through Resend that signs its user in once", async () => {
    const resend = await startResendStandIn();
    try {
      const user = await createUser({ name: "Ada" });
      expect(await requestMagicLink(db, user.email, client())).toEqual({ ok: true, value: null });
      const sent = resend.emails.find((email) => email.to.includes(user.email));
      const token = tokenIn(String(sent?.text), "/login/link/");
      expect(token).toBeDefined();

      expect(await consumeMagicLink(db, token)).toEqual({ id: user.id, name: "Ada", email: user.email });
      expect(await consumeMagicLink(db, token)).toBeNull();
      expect(await requestMagicLink(db, newEmail(), client())).toEqual({ ok: true, value: null });
    } finally {
      await resend.close();
    }
  });
});
