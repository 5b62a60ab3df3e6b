import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversationActivities, conversations, jobs, messagingApps, users, type Conversation, type MessagingApp, type User } from "@/db/schema";
import { saveAutoAssignSettings } from "@/lib/apps/auto-assign-settings";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { autoAssignConversation } from "@/lib/inbox/auto-assign";
import { actorOf, createApp, createConversation, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import { conversationsOf, jobQueuesOf, newContact, sendInbound } from "@/tests/support/webhooks";
import { autoAssignJob } from "@/lib/inbox/auto-assign-job";
import { notifyAssignmentJob } from "@/lib/notifications/notify-assignment-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

async function setAutoAssign(app: Pick<MessagingApp, "id">, autoAssign: boolean, autoAssignLimit: number | null = null) {
  await db.update(messagingApps).set({ autoAssign, autoAssignLimit }).where(eq(messagingApps.id, app.id));
}

/** An admin installer who is unavailable (so never a candidate) and `agents` available members with access. */
async function team(agents: number, options: { limit?: number | null } = {}) {
  const workspace = await createWorkspace();
  const installer = await createUser({ workspace, role: "admin", name: "Installer", isAvailable: false });
  const people: User[] = [];
  for (let i = 0; i < agents; i++) people.push(await createUser({ workspace, name: `Agent ${i}` }));
  const app = await createApp({ installer, provider: "whatsapp", members: people });
  await setAutoAssign(app, true, options.limit ?? null);
  return { workspace, installer, people, app };
}

async function autoAssign(conversationId: string) {
  return db.transaction((tx) => autoAssignConversation(tx, conversationId));
}

async function assigneeOf(conversation: Pick<Conversation, "id">) {
  const [row] = await db.select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, conversation.id));
  return row!.assigneeId;
}

async function linesOf(conversation: Pick<Conversation, "id">) {
  return db.select().from(conversationActivities).where(eq(conversationActivities.conversationId, conversation.id));
}

/** `n` open conversations assigned to `user`, made before the rule runs (no activity lines). */
async function givenOpen(app: MessagingApp, user: User, n: number) {
  for (let i = 0; i < n; i++) await createConversation({ app, assignee: user });
}

describe("auto-assignment: who gets a new conversation", () => {
  it("goes to the fewest open conversations, ties to the one waiting longest since their last assignment", async () => {
    const { app, people } = await team(3);
    const [a, b, c] = people as [User, User, User];
    await givenOpen(app, a, 2);
    await givenOpen(app, c, 1);

    const got: string[] = [];
    for (let i = 0; i < 4; i++) {
      const conversation = await createConversation({ app });
      const outcome = await autoAssign(conversation.id);
      expect(outcome.assigned).toBe(true);
      got.push((await assigneeOf(conversation))!);
    }
    // b (0 open) first; then b and c tie at 1 and c was never assigned by the rule; then b (1)
    // against a and c (2); finally all at 2, and a has waited longest (never assigned).
    expect(got).toEqual([b.id, c.id, b.id, a.id]);
  });

  it("counts a person's open conversations in every app of the workspace, never closed or deleted ones", async () => {
    const { app, people, installer } = await team(2);
    const [a, b] = people as [User, User];
    const otherApp = await createApp({ installer, provider: "messenger", members: people });
    await givenOpen(otherApp as MessagingApp, a, 2);
    for (let i = 0; i < 5; i++) await createConversation({ app, assignee: b, status: "closed" });
    await createConversation({ app, assignee: b, deletedAt: new Date() });
    await givenOpen(app, b, 1);

    const conversation = await createConversation({ app });
    expect(await autoAssign(conversation.id)).toEqual({ assigned: true, assigneeId: b.id });
  });

  it("never picks someone unavailable, deactivated, without access to the app or of another workspace", async () => {
    const workspace = await createWorkspace();
    const installer = await createUser({ workspace, role: "admin", isAvailable: false });
    const away = await createUser({ workspace, isAvailable: false });
    const gone = await createUser({ workspace, isActive: false });
    const outsider = await createUser({ workspace });
    const stranger = await createUser();
    const only = await createUser({ workspace, name: "Only" });
    const app = await createApp({ installer, provider: "whatsapp", members: [away, gone, only] });
    await setAutoAssign(app, true);
    // Everyone else has fewer open conversations than `only` would after a few.
    await givenOpen(app, only, 3);

    const conversation = await createConversation({ app });
    expect(await autoAssign(conversation.id)).toEqual({ assigned: true, assigneeId: only.id });
    expect([away.id, gone.id, outsider.id, stranger.id]).not.toContain(await assigneeOf(conversation));
  });

  it("leaves the conversation in Unassigned, with no line and no notification, when nobody is available", async () => {
    const { app, people } = await team(2);
    for (const person of people) await db.update(users).set({ isAvailable: false }).where(eq(users.id, person.id));

    const conversation = await createConversation({ app });
    expect(await autoAssign(conversation.id)).toEqual({ assigned: false, reason: "nobody_available" });
    expect(await assigneeOf(conversation)).toBeNull();
    expect(await linesOf(conversation)).toEqual([]);
    expect(await jobQueuesOf(app)).toEqual({});
  });

  it("leaves it in Unassigned when everyone available is at the limit", async () => {
    const { app, people } = await team(2, { limit: 2 });
    for (const person of people) await givenOpen(app, person, 2);

    const conversation = await createConversation({ app });
    expect(await autoAssign(conversation.id)).toEqual({ assigned: false, reason: "everyone_at_limit" });
    expect(await assigneeOf(conversation)).toBeNull();
    expect(await linesOf(conversation)).toEqual([]);
  });

  it("skips those at the limit and gives it to someone below it", async () => {
    const { app, people } = await team(2, { limit: 3 });
    const [full, room] = people as [User, User];
    await givenOpen(app, full, 3);
    await givenOpen(app, room, 2);

    const conversation = await createConversation({ app });
    expect(await autoAssign(conversation.id)).toEqual({ assigned: true, assigneeId: room.id });
  });

  it("writes an actor-less activity line and queues the assignee's notification, like a manual assignment", async () => {
    const { app, people } = await team(1);
    const conversation = await createConversation({ app });

    expect(await autoAssign(conversation.id)).toEqual({ assigned: true, assigneeId: people[0]!.id });
    const lines = await linesOf(conversation);
    expect(lines.map((line) => [line.kind, line.actorId, line.targetUserId, line.detail])).toEqual([
      ["assigned", null, people[0]!.id, { via: "auto" }],
    ]);
    const notices = await db.select().from(jobs).where(eq(jobs.queue, notifyAssignmentJob.queue));
    expect(notices.filter((job) => (job.payload as { activityId?: string }).activityId === lines[0]!.id)).toHaveLength(1);
  });

  it("changes nothing when the app has it off, or someone assigned or closed the conversation first", async () => {
    const { app, people, installer } = await team(2);
    const assigned = await createConversation({ app });
    expect((await assignConversation(db, subjectOf(installer), { conversationId: assigned.id, assigneeId: people[1]!.id })).ok).toBe(true);
    const closed = await createConversation({ app, status: "closed" });
    const deleted = await createConversation({ app, deletedAt: new Date() });
    for (const conversation of [assigned, closed, deleted]) {
      expect(await autoAssign(conversation.id)).toEqual({ assigned: false, reason: "not_applicable" });
    }
    expect(await assigneeOf(assigned)).toBe(people[1]!.id);
    expect(await assigneeOf(closed)).toBeNull();

    await setAutoAssign(app, false);
    const fresh = await createConversation({ app });
    expect(await autoAssign(fresh.id)).toEqual({ assigned: false, reason: "not_applicable" });
    expect(await assigneeOf(fresh)).toBeNull();
    expect(await autoAssign("not-a-uuid")).toEqual({ assigned: false, reason: "not_applicable" });
  });
});

describe("auto-assignment under concurrent new conversations", () => {
  it("gives one remaining slot to exactly one of two conversations arriving at once; the other stays Unassigned", async () => {
    const { app, people } = await team(1, { limit: 3 });
    await givenOpen(app, people[0]!, 2);
    const first = await createConversation({ app });
    const second = await createConversation({ app });

    const outcomes = await Promise.all([autoAssign(first.id), autoAssign(second.id)]);

    expect(outcomes.filter((outcome) => outcome.assigned)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.assigned)).toEqual([{ assigned: false, reason: "everyone_at_limit" }]);
    const assignees = [await assigneeOf(first), await assigneeOf(second)];
    expect(assignees.filter((id) => id === people[0]!.id)).toHaveLength(1);
    expect(assignees.filter((id) => id === null)).toHaveLength(1);
  });

  it("spreads 20 simultaneous new conversations evenly over 4 people, 5 each", async () => {
    const { app, people } = await team(4);
    const fresh: Conversation[] = [];
    for (let i = 0; i < 20; i++) fresh.push(await createConversation({ app }));

    const outcomes = await Promise.all(fresh.map((conversation) => autoAssign(conversation.id)));

    expect(outcomes.every((outcome) => outcome.assigned)).toBe(true);
    const counts = new Map<string, number>();
    for (const conversation of fresh) {
      const id = await assigneeOf(conversation);
      counts.set(id!, (counts.get(id!) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(people.map((person) => person.id).sort());
    expect([...counts.values()]).toEqual([5, 5, 5, 5]);
  });
});

describe("auto-assignment from a webhook", () => {
  it("queues the rule for a new conversation only, and the job assigns it", async () => {
    const { app, people } = await team(2);
    const contact = newContact(app);
    expect((await sendInbound(app, contact, "Hello, is anyone there?")).status).toBe(200);
    expect((await sendInbound(app, contact, "Second message, same conversation")).status).toBe(200);
    expect((await jobQueuesOf(app))[autoAssignJob.queue]).toBe(1);

    expect(await drainJobs({ queues: [autoAssignJob.queue] })).toBe(1);
    const [conversation] = await conversationsOf(app);
    expect(people.map((person) => person.id)).toContain(conversation!.assigneeId);
  });

  it("queues nothing while the app has it off, and follows the setting once an admin saves it", async () => {
    const workspace = await createWorkspace();
    const admin = await createUser({ workspace, role: "admin" });
    const app = await createApp({ installer: admin, provider: "whatsapp" });
    // The first webhook puts the app (with auto-assignment off) in this process's app cache.
    expect((await sendInbound(app, newContact(app), "Before")).status).toBe(200);
    expect((await jobQueuesOf(app))[autoAssignJob.queue]).toBeUndefined();

    expect(await saveAutoAssignSettings(db, actorOf(admin), { appId: app.id, enabled: true, limit: 5 })).toEqual({ ok: true, value: { appId: app.id } });
    const contact = newContact(app);
    expect((await sendInbound(app, contact, "After")).status).toBe(200);
    expect((await jobQueuesOf(app))[autoAssignJob.queue]).toBe(1);
    await drainJobs({ queues: [autoAssignJob.queue] });
    const after = (await conversationsOf(app)).find((conversation) => conversation.externalContactId === contact);
    expect(after!.assigneeId).toBe(admin.id);
  });
});

describe("auto-assignment settings", () => {
  it("refuses members and other workspaces' apps, changing nothing", async () => {
    const workspace = await createWorkspace();
    const admin = await createUser({ workspace, role: "admin" });
    const member = await createUser({ workspace });
    const app = await createApp({ installer: admin, provider: "whatsapp" });
    const otherAdmin = await createUser({ role: "admin" });

    expect(await saveAutoAssignSettings(db, actorOf(member), { appId: app.id, enabled: true, limit: null })).toEqual({ ok: false, reason: "not_admin" });
    expect(await saveAutoAssignSettings(db, actorOf(otherAdmin), { appId: app.id, enabled: true, limit: null })).toEqual({ ok: false, reason: "not_found" });
    const [row] = await db.select().from(messagingApps).where(and(eq(messagingApps.id, app.id)));
    expect([row!.autoAssign, row!.autoAssignLimit]).toEqual([false, null]);
  });
});
