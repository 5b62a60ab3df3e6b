import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversationActivities, conversations, oneTimeTokens, outboxEmails, sessions, users } from "@/db/schema";
import { issueToken } from "@/lib/auth/one-time-tokens";
import { createSession } from "@/lib/auth/sessions";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { listAssignableUsers } from "@/lib/apps/assignable-users";
import { acceptInvitation, findInvitation, invitePeople, inviteSchema, resendInvitation, revokeInvitation } from "@/lib/team/invitations";
import { changeRole, deactivateMember, reactivateMember } from "@/lib/team/members";
import { listTeam } from "@/lib/team/team-list";
import { actorOf, createApp, createConversation, createUser, createWorkspace } from "@/tests/factories";
import { snapshotDatabase } from "@/tests/support/db-snapshot";
import { uniqueToken } from "@/tests/factories/sequence";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const newEmail = () => `${uniqueToken("invitee")}@example.test`;

async function team() {
  const workspace = await createWorkspace({ name: "Acme" });
  const admin = await createUser({ workspace, role: "admin", name: "Alice" });
  const member = await createUser({ workspace, role: "member", name: "Bob" });
  return { workspace, admin, member };
}

const invite = (emails: string, role: "admin" | "member" = "member") => inviteSchema.parse({ emails, role });
const tokenOf = (link: string) => link.split("/").at(-1)!;

async function outboxTo(email: string) {
  return db.select().from(outboxEmails).where(eq(outboxEmails.to, email));
}

describe("inviting people", () => {
  it("invites several addresses at once, emails each a 7-day link and lists them as invited", async () => {
    const { admin } = await team();
    const [first, second] = [newEmail(), newEmail()];

    const result = await invitePeople(db, actorOf(admin), invite(`${first}, ${second.toUpperCase()}`, "admin"));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((sent) => sent.email)).toEqual([first, second]);
    const [email] = await outboxTo(first);
    expect(email!.subject).toBe("Alice invited you to Acme on Switchboard");
    expect(email!.text).toContain(result.value[0]!.link);
    expect(result.value[0]!.link).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    const rows = await listTeam(db, actorOf(admin));
    expect(rows.filter((row) => row.status === "invited")).toMatchObject([
      { email: first, role: "admin" },
      { email: second, role: "admin" },
    ]);
    const expiresAt = rows.find((row) => row.email === first)!.expiresAt!;
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
  });

  it("writes the invitation in the workspace's language", async () => {
    const workspace = await createWorkspace({ name: "Firma", defaultLocale: "cs" });
    const admin = await createUser({ workspace, role: "admin", name: "Jana" });
    const to = newEmail();

    await invitePeople(db, actorOf(admin), invite(to));

    const [email] = await outboxTo(to);
    expect(email!.subject).toBe("Jana vás zve do Firma ve Switchboardu");
  });

  it.each([
    ["an invalid address", () => "not-an-email", "email_invalid"],
    ["an address of an existing user", async () => (await createUser()).email, "email_taken"],
    ["an address already invited by another workspace", async () => {
      const other = await createUser({ role: "admin" });
      const email = newEmail();
      await invitePeople(db, actorOf(other), invite(email));
      return email;
    }, "email_taken"],
  ])("refuses the whole batch for %s, naming it, and changes nothing", async (_name, bad, reason) => {
    const { admin } = await team();
    const address = await bad();
    const before = await snapshotDatabase();

    const result = await invitePeople(db, actorOf(admin), invite(`${newEmail()}, ${address}`));

    expect(result).toEqual({ ok: false, reason, params: { email: address.toLowerCase() } });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("refuses a member, changing nothing", async () => {
    const { member } = await team();
    const before = await snapshotDatabase();
    expect(await invitePeople(db, actorOf(member), invite(newEmail()))).toEqual({ ok: false, reason: "not_admin" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("refuses no address and more than 20 at once in the schema", () => {
    expect(inviteSchema.safeParse({ emails: " , ", role: "member" }).success).toBe(false);
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@example.test`).join(",");
    expect(inviteSchema.safeParse({ emails: many, role: "member" }).success).toBe(false);
    expect(inviteSchema.safeParse({ emails: "a@example.test", role: "owner" }).success).toBe(false);
  });

  it("lets an expired invitation's address be invited again", async () => {
    const { admin, workspace } = await team();
    const email = newEmail();
    await issueToken(db, { purpose: "invitation", email, workspaceId: workspace.id, role: "member" }, new Date(Date.now() - 8 * 24 * 3600_000));

    expect((await invitePeople(db, actorOf(admin), invite(email))).ok).toBe(true);
  });
});

describe("resending and revoking invitations", () => {
  it("resend voids the old link and sends a working new one", async () => {
    const { admin } = await team();
    const sent = await invitePeople(db, actorOf(admin), invite(newEmail()));
    if (!sent.ok) throw new Error("invite failed");
    const [first] = sent.value;

    const resent = await resendInvitation(db, actorOf(admin), first!.id);

    expect(resent.ok).toBe(true);
    if (!resent.ok) return;
    expect(await findInvitation(db, tokenOf(first!.link))).toBeNull();
    expect(await findInvitation(db, tokenOf(resent.value.link))).toMatchObject({ email: first!.email, company: "Acme" });
  });

  it("revoke makes the link show as no longer valid; a second revoke is refused", async () => {
    const { admin } = await team();
    const sent = await invitePeople(db, actorOf(admin), invite(newEmail()));
    if (!sent.ok) throw new Error("invite failed");
    const [invitation] = sent.value;

    expect(await revokeInvitation(db, actorOf(admin), invitation!.id)).toEqual({ ok: true, value: null });
    expect(await findInvitation(db, tokenOf(invitation!.link))).toBeNull();
    expect(await revokeInvitation(db, actorOf(admin), invitation!.id)).toEqual({ ok: false, reason: "invitation_not_found" });
    expect((await acceptInvitation(db, { token: tokenOf(invitation!.link), name: "Eve", password: "long-enough-password" })).ok).toBe(false);
  });

  it("refuses another workspace's admin, changing nothing", async () => {
    const { admin } = await team();
    const stranger = await createUser({ role: "admin" });
    const sent = await invitePeople(db, actorOf(admin), invite(newEmail()));
    if (!sent.ok) throw new Error("invite failed");
    const before = await snapshotDatabase();

    expect(await revokeInvitation(db, actorOf(stranger), sent.value[0]!.id)).toEqual({ ok: false, reason: "invitation_not_found" });
    expect(await resendInvitation(db, actorOf(stranger), sent.value[0]!.id)).toEqual({ ok: false, reason: "invitation_not_found" });
    expect(await snapshotDatabase()).toEqual(before);
  });
});

describe("accepting an invitation", () => {
  async function invited(role: "admin" | "member" = "member") {
    const world = await team();
    const email = newEmail();
    const sent = await invitePeople(db, actorOf(world.admin), invite(email, role));
    if (!sent.ok) throw new Error("invite failed");
    return { ...world, email, token: tokenOf(sent.value[0]!.link) };
  }

  it("creates the user with the invited role in the workspace, once", async () => {
    const { token, email, workspace } = await invited("admin");

    const result = await acceptInvitation(db, { token, name: "Eve", password: "a-good-password" });

    expect(result).toMatchObject({ ok: true, value: { email } });
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ name: "Eve", role: "admin", workspaceId: workspace.id, isActive: true });
    expect(await acceptInvitation(db, { token, name: "Eve again", password: "a-good-password" })).toEqual({ ok: false, reason: "invitation_invalid" });
  });

  it.each([
    ["a short password", "short-pw", "password_too_short"],
    ["the email as password", "EMAIL", "password_is_email"],
  ])("refuses %s, changes nothing and keeps the link usable", async (_name, password, reason) => {
    const { token, email } = await invited();
    const before = await snapshotDatabase();

    const result = await acceptInvitation(db, { token, name: "Eve", password: password === "EMAIL" ? email.toUpperCase() : password });

    expect(result).toEqual({ ok: false, reason });
    expect(await snapshotDatabase()).toEqual(before);
    expect(await findInvitation(db, token)).not.toBeNull();
  });

  it.each([
    ["an unknown token", async () => "A".repeat(43)],
    ["an expired token", async () => {
      const { workspace } = await team();
      return (await issueToken(db, { purpose: "invitation", email: newEmail(), workspaceId: workspace.id }, new Date(Date.now() - 8 * 24 * 3600_000))).token;
    }],
    ["a reset token", async () => {
      const user = await createUser();
      return (await issueToken(db, { purpose: "password_reset", email: user.email, userId: user.id })).token;
    }],
  ])("refuses %s with one answer, changing nothing", async (_name, make) => {
    const token = await make();
    const before = await snapshotDatabase();
    expect(await findInvitation(db, token)).toBeNull();
    expect(await acceptInvitation(db, { token, name: "Eve", password: "a-good-password" })).toEqual({ ok: false, reason: "invitation_invalid" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("gives the new user the workspace's apps open to everyone at once", async () => {
    const { token, email, admin } = await invited();
    const app = await createApp({ installer: admin });
    await acceptInvitation(db, { token, name: "Eve", password: "a-good-password" });
    const assignable = await listAssignableUsers(db, app);
    expect(assignable.map((user) => user.name)).toContain("Eve");
    void email;
  });
});

describe("roles and the last active admin", () => {
  it("changes a member to admin and back", async () => {
    const { admin, member } = await team();
    expect(await changeRole(db, actorOf(admin), { userId: member.id, role: "admin" })).toEqual({ ok: true, value: null });
    expect(await changeRole(db, actorOf(admin), { userId: member.id, role: "member" })).toEqual({ ok: true, value: null });
  });

  it("refuses to demote the last active admin, naming them, changing nothing", async () => {
    const { admin, workspace } = await team();
    // A deactivated admin does not count.
    await createUser({ workspace, role: "admin", isActive: false });
    const before = await snapshotDatabase();

    expect(await changeRole(db, actorOf(admin), { userId: admin.id, role: "member" })).toEqual({ ok: false, reason: "last_admin", params: { name: "Alice" } });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("lets exactly one of two concurrent demotions of the last two admins through", async () => {
    const { admin, workspace } = await team();
    const second = await createUser({ workspace, role: "admin", name: "Dan" });

    const results = await Promise.all([
      changeRole(db, actorOf(admin), { userId: second.id, role: "member" }),
      changeRole(db, actorOf(second), { userId: admin.id, role: "member" }),
    ]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toMatchObject([{ ok: false, reason: "last_admin" }]);
    const admins = await db.select().from(users).where(and(eq(users.workspaceId, workspace.id), eq(users.role, "admin")));
    expect(admins).toHaveLength(1);
  });

  it("lets exactly one of a concurrent demotion and deactivation of the last two admins through", async () => {
    const { admin, workspace } = await team();
    const second = await createUser({ workspace, role: "admin", name: "Dan" });

    const results = await Promise.all([
      deactivateMember(db, actorOf(admin), { userId: second.id }),
      changeRole(db, actorOf(second), { userId: admin.id, role: "member" }),
    ]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const activeAdmins = await db
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, workspace.id), eq(users.role, "admin"), eq(users.isActive, true)));
    expect(activeAdmins).toHaveLength(1);
  });

  it.each([
    ["a member", "member"],
    ["another workspace's admin", "stranger"],
  ] as const)("refuses %s, changing nothing", async (_name, who) => {
    const { admin, member } = await team();
    const actor = who === "member" ? member : await createUser({ role: "admin" });
    const before = await snapshotDatabase();

    const expected = who === "member" ? "not_admin" : "member_not_found";
    expect(await changeRole(db, actorOf(actor), { userId: admin.id, role: "member" })).toMatchObject({ ok: false, reason: expected });
    expect(await deactivateMember(db, actorOf(actor), { userId: admin.id })).toMatchObject({ ok: false, reason: expected });
    expect(await snapshotDatabase()).toEqual(before);
  });
});

describe("deactivation", () => {
  it("refuses deactivating yourself, changing nothing", async () => {
    const { admin, workspace } = await team();
    await createUser({ workspace, role: "admin" });
    const before = await snapshotDatabase();
    expect(await deactivateMember(db, actorOf(admin), { userId: admin.id })).toEqual({ ok: false, reason: "cannot_deactivate_self" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("ends their sessions, unassigns their open conversations with a line, and leaves closed ones and history alone", async () => {
    const { admin, member } = await team();
    const app = await createApp({ installer: admin });
    const open = await createConversation({ app, assignee: member });
    const closed = await createConversation({ app, assignee: member, status: "closed" });
    const others = await createConversation({ app, assignee: admin });
    await createSession(db, member.id, null);
    await createSession(db, member.id, null);

    expect(await deactivateMember(db, actorOf(admin), { userId: member.id })).toEqual({ ok: true, value: { unassigned: 1 } });

    expect(await db.select().from(sessions).where(eq(sessions.userId, member.id))).toEqual([]);
    const byId = async (id: string) => (await db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
    expect((await byId(open.id)).assigneeId).toBeNull();
    expect((await byId(closed.id)).assigneeId).toBe(member.id);
    expect((await byId(others.id)).assigneeId).toBe(admin.id);
    const lines = await db.select().from(conversationActivities).where(eq(conversationActivities.conversationId, open.id));
    expect(lines).toMatchObject([{ kind: "assignee_deactivated", actorId: admin.id, targetUserId: member.id }]);
    const [row] = await db.select().from(users).where(eq(users.id, member.id));
    expect(row).toMatchObject({ isActive: false, name: "Bob" });
    expect((await listTeam(db, actorOf(admin))).find((r) => r.id === member.id)).toMatchObject({ status: "deactivated" });
  });

  it("makes them unassignable from then on, and reactivation makes them assignable again", async () => {
    const { admin, member } = await team();
    const app = await createApp({ installer: admin });
    const conversation = await createConversation({ app });
    await deactivateMember(db, actorOf(admin), { userId: member.id });

    expect((await listAssignableUsers(db, app)).map((user) => user.id)).not.toContain(member.id);
    expect(await assignConversation(db, actorOf(admin), { conversationId: conversation.id, assigneeId: member.id })).toEqual({
      ok: false,
      reason: "assignee_inactive",
      params: { name: "Bob" },
    });

    expect(await reactivateMember(db, actorOf(admin), { userId: member.id })).toEqual({ ok: true, value: null });
    expect((await listAssignableUsers(db, app)).map((user) => user.id)).toContain(member.id);
    expect(await reactivateMember(db, actorOf(admin), { userId: member.id })).toEqual({ ok: false, reason: "already_in_state" });
  });

  it("does not lose an assignment made while the deactivation runs", async () => {
    const { admin, member } = await team();
    const app = await createApp({ installer: admin });
    const conversation = await createConversation({ app });

    const [assigned] = await Promise.all([
      assignConversation(db, actorOf(admin), { conversationId: conversation.id, assigneeId: member.id }),
      deactivateMember(db, actorOf(admin), { userId: member.id }),
    ]);

    const [row] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
    // Either the assignment went first and was undone, or the deactivation went first and refused it.
    expect(row!.assigneeId).toBeNull();
    if (!assigned.ok) expect(assigned.reason).toBe("assignee_inactive");
  });
});

// Unused-column guard: invitations are one-time tokens, never users, until accepted.
it("keeps a pending invitation out of the users table", async () => {
  const { admin } = await team();
  const email = newEmail();
  await invitePeople(db, actorOf(admin), invite(email));
  expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
  expect(await db.select().from(oneTimeTokens).where(eq(oneTimeTokens.email, email))).toHaveLength(1);
});
