import { and, asc, eq } from "drizzle-orm";
import { beforeAll, afterEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversationActivities, conversations, jobs, type Conversation, type User } from "@/db/schema";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import { countViews, listConversations } from "@/lib/inbox/queries";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { viewOf } from "@/lib/views";
import { subscribeToEvents, waitUntilListening } from "@/lib/realtime/bus";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { snoozeConversation, unsnoozeConversation } from "@/lib/snooze/snooze-conversation";
import { createApp, createConversation, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import { inboundEvent } from "@/tests/integration/crm/world";
import { wakeSnoozedJob } from "@/lib/snooze/wake-snoozed-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

const HOUR = 60 * 60_000;
const unsubscribers: Array<() => void> = [];
afterEach(async () => {
  unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
  await waitUntilListening();
});

async function acme() {
  const workspace = await createWorkspace();
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace, name: "Bob" });
  const carol = await createUser({ workspace, name: "Carol" });
  const app = await createApp({ installer: alice, members: [bob] });
  const conversation = await createConversation({ app, assignee: bob, contactName: "Ann Contact" });
  return { workspace, alice, bob, carol, app, conversation };
}

async function snooze(user: User, conversationId: string, until: Date | string) {
  return db.transaction((tx) => snoozeConversation(tx, subjectOf(user), { conversationId, until: typeof until === "string" ? until : until.toISOString() }));
}

async function reload(conversation: Conversation) {
  const [row] = await (await getDb()).select().from(conversations).where(eq(conversations.id, conversation.id));
  return row!;
}

async function activityKinds(conversation: Conversation) {
  const rows = await (await getDb())
    .select({ kind: conversationActivities.kind })
    .from(conversationActivities)
    .where(eq(conversationActivities.conversationId, conversation.id))
    .orderBy(asc(conversationActivities.occurredAt));
  return rows.map((row) => row.kind);
}

async function wakeJobs(conversation: Conversation) {
  return (await (await getDb()).select().from(jobs).where(eq(jobs.queue, wakeSnoozedJob.queue))).filter(
    (job) => job.payload.conversationId === conversation.id,
  );
}

/** Time passes: the conversation's wake-up jobs fall due now, then the worker runs what is due. */
async function letWakeUpTimeCome(conversation: Conversation) {
  for (const job of await wakeJobs(conversation)) {
    if (job.status === "queued") await db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, job.id));
  }
  await drainJobs({ retryBaseMs: 0, queues: [wakeSnoozedJob.queue] });
}

const idsIn = async (user: User, view: "mine" | "snoozed" | "others") =>
  (await listConversations(db, subjectOf(user), view, { limit: 100 })).rows.map((row) => row.id);

describe("snoozing a conversation (spec §13)", () => {
  it("moves it from its view into Snoozed, with its wake-up time and counts, live", async () => {
    const { alice, bob, conversation } = await acme();
    const seen: RealtimeEvent[] = [];
    unsubscribers.push(subscribeToEvents((event) => seen.push(event)));
    await waitUntilListening();
    const until = new Date(Date.now() + 3 * HOUR);

    const result = await snooze(alice, conversation.id, until);

    expect(result).toEqual({ ok: true, value: { until } });
    expect(await idsIn(bob, "mine")).toEqual([]);
    expect(await idsIn(alice, "others")).toEqual([]);
    expect(await idsIn(bob, "snoozed")).toEqual([conversation.id]);
    const [row] = (await listConversations(db, subjectOf(bob), "snoozed")).rows;
    expect(row!.snoozedUntil).toEqual(until);
    expect(await countViews(db, subjectOf(bob))).toMatchObject({ mine: 0, snoozed: 1 });
    expect(viewOf(await reload(conversation), bob.id)).toBe("snoozed");
    expect(await activityKinds(conversation)).toEqual(["snoozed"]);
    await expect
      .poll(() => seen.filter((event) => event.type === "conversation.updated" && event.conversationId === conversation.id))
      .toEqual([expect.objectContaining({ changes: ["snooze"] })]);
  });

  it("wakes up at its time through a job kept in the database, back in its view with an activity line", async () => {
    const { alice, bob, conversation } = await acme();
    await snooze(alice, conversation.id, new Date(Date.now() + HOUR));
    // The wake-up is a durable job, due at the snooze's end: a restart in between loses nothing.
    const [job] = await wakeJobs(conversation);
    expect(job).toMatchObject({ status: "queued" });
    expect(Math.abs(job!.runAt.getTime() - (Date.now() + HOUR))).toBeLessThan(60_000);

    await letWakeUpTimeCome(conversation);

    expect((await reload(conversation)).snoozedUntil).toBeNull();
    expect(await idsIn(bob, "mine")).toEqual([conversation.id]);
    expect(await idsIn(bob, "snoozed")).toEqual([]);
    expect(await activityKinds(conversation)).toEqual(["snoozed", "snooze_ended"]);
  });

  it("is woken early by a customer message, and the later wake-up job then does nothing", async () => {
    const { alice, bob, app, conversation } = await acme();
    await snooze(alice, conversation.id, new Date(Date.now() + 24 * HOUR));

    await ingestEvents(db, app, [inboundEvent(conversation.externalContactId, "Any news?")]);

    expect((await reload(conversation)).snoozedUntil).toBeNull();
    expect(await idsIn(bob, "mine")).toEqual([conversation.id]);
    expect(await activityKinds(conversation)).toEqual(["snoozed", "woken_by_message"]);
    await letWakeUpTimeCome(conversation);
    expect(await activityKinds(conversation)).toEqual(["snoozed", "woken_by_message"]);
    expect((await wakeJobs(conversation)).map((job) => job.status)).toEqual(["done"]);
  });

  it("snoozed again, wakes at the new time only: the first job finds its time replaced", async () => {
    const { alice, conversation } = await acme();
    await snooze(alice, conversation.id, new Date(Date.now() + HOUR));
    const later = new Date(Date.now() + 5 * HOUR);
    await snooze(alice, conversation.id, later);
    const [first] = await wakeJobs(conversation);
    await db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, first!.id));
    await drainJobs({ retryBaseMs: 0, queues: [wakeSnoozedJob.queue] });

    expect((await reload(conversation)).snoozedUntil).toEqual(later);
    await letWakeUpTimeCome(conversation);
    expect((await reload(conversation)).snoozedUntil).toBeNull();
    expect(await activityKinds(conversation)).toEqual(["snoozed", "snoozed", "snooze_ended"]);
  });

  it("can be taken back early by hand", async () => {
    const { bob, conversation } = await acme();
    await snooze(bob, conversation.id, new Date(Date.now() + HOUR));
    expect(await db.transaction((tx) => unsnoozeConversation(tx, subjectOf(bob), { conversationId: conversation.id }))).toEqual({ ok: true, value: null });
    expect(await idsIn(bob, "mine")).toEqual([conversation.id]);
    expect(await db.transaction((tx) => unsnoozeConversation(tx, subjectOf(bob), { conversationId: conversation.id }))).toEqual({
      ok: false,
      reason: "not_snoozed",
    });
  });

  it("ends when the conversation is closed, so reopening puts it back in its view", async () => {
    const { bob, conversation } = await acme();
    await snooze(bob, conversation.id, new Date(Date.now() + HOUR));
    await setConversationStatus(db, subjectOf(bob), { conversationId: conversation.id, status: "closed" });
    expect((await reload(conversation)).snoozedUntil).toBeNull();
    await setConversationStatus(db, subjectOf(bob), { conversationId: conversation.id, status: "open" });
    expect(await idsIn(bob, "mine")).toEqual([conversation.id]);
  });
});

describe("refused snoozes change nothing", () => {
  it.each([
    ["a time in the past", () => new Date(Date.now() - HOUR), "snooze_in_past"],
    ["now", () => new Date(), "snooze_in_past"],
    ["more than a year ahead", () => new Date(Date.now() + 367 * 24 * HOUR), "snooze_too_far"],
    ["the year 9999", () => new Date("9999-12-31T09:00:00Z"), "snooze_too_far"],
  ])("refuses %s", async (_, until, reason) => {
    const { bob, conversation } = await acme();
    expect(await snooze(bob, conversation.id, until())).toEqual({ ok: false, reason });
    expect((await reload(conversation)).snoozedUntil).toBeNull();
    expect(await wakeJobs(conversation)).toEqual([]);
  });

  it("refuses a closed conversation", async () => {
    const { app, bob } = await acme();
    const closed = await createConversation({ app, status: "closed" });
    expect(await snooze(bob, closed.id, new Date(Date.now() + HOUR))).toEqual({ ok: false, reason: "conversation_closed" });
    expect(await wakeJobs(closed)).toEqual([]);
  });

  it("refuses users without access and other workspaces as not found", async () => {
    const { carol, conversation } = await acme();
    const dave = await createUser({ workspace: await createWorkspace() });
    expect(await snooze(carol, conversation.id, new Date(Date.now() + HOUR))).toEqual({ ok: false, reason: "not_found" });
    expect(await snooze(dave, conversation.id, new Date(Date.now() + HOUR))).toEqual({ ok: false, reason: "not_found" });
    expect((await reload(conversation)).snoozedUntil).toBeNull();
    expect(await (await getDb()).select().from(jobs).where(and(eq(jobs.queue, wakeSnoozedJob.queue), eq(jobs.workspaceId, conversation.workspaceId)))).toEqual([]);
  });
});
