import { and, asc, eq } from "drizzle-orm";
import { beforeAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversationActivities, conversations, jobs, workspaces, type Conversation, type User } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { listConversations } from "@/lib/inbox/queries";
import { sendReply } from "@/lib/inbox/reply";
import { subscribeToEvents, waitUntilListening } from "@/lib/realtime/bus";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { actorOf, createApp, createConversation, createMessage, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import { snapshotDatabase } from "@/tests/support/db-snapshot";
import { startMessengerStandIn } from "@/tests/stand-ins/meta";
import type { ProviderStandIn } from "@/tests/stand-ins/provider-stand-in";
import { startTwilioStandIn } from "@/tests/stand-ins/twilio";
import { notifyAssignmentJob } from "@/lib/notifications/notify-assignment-job";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

// The signed-in actor is swapped in for the settings action; everything behind it is real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const settingsActions = await import("@/app/(app)/settings/integrations/messaging/actions");

let messengerApi: ProviderStandIn;
let twilioApi: ProviderStandIn;
const unsubscribers: Array<() => void> = [];

beforeEach(async () => {
  messengerApi = await startMessengerStandIn();
  twilioApi = await startTwilioStandIn();
});

afterEach(async () => {
  session.actor = null;
  unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
  await messengerApi.close();
  await twilioApi.close();
});

async function acme() {
  const workspace = await createWorkspace();
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace, name: "Bob" });
  const app = await createApp({ installer: alice, provider: "messenger" });
  const conversation = await createConversation({ app, contactName: "Ann Contact" });
  await createMessage({ conversation, direction: "inbound", text: "Is the flat still free?" });
  return { workspace, alice, bob, app, conversation };
}

async function reply(user: User, conversation: Conversation, text: string) {
  const result = await sendReply(db, subjectOf(user), { conversationId: conversation.id, text });
  if (!result.ok) throw new Error(`sendReply refused: ${result.reason}`);
  return result.value.messageId;
}

async function assigneeOf(conversation: Conversation) {
  const [row] = await (await getDb()).select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, conversation.id));
  return row!.assigneeId;
}

async function activitiesOf(conversation: Conversation) {
  return (await getDb())
    .select({ kind: conversationActivities.kind, actorId: conversationActivities.actorId, targetUserId: conversationActivities.targetUserId, detail: conversationActivities.detail })
    .from(conversationActivities)
    .where(eq(conversationActivities.conversationId, conversation.id))
    .orderBy(asc(conversationActivities.occurredAt));
}

const assignmentNotices = async (workspaceId: string) =>
  (await getDb()).select().from(jobs).where(and(eq(jobs.queue, notifyAssignmentJob.queue), eq(jobs.workspaceId, workspaceId)));

describe("a reply claims an unassigned conversation (issue 16)", () => {
  it("assigns it to the replier with one activity line, the assignment's live event and no notification", async () => {
    const { workspace, bob, conversation } = await acme();
    const seen: RealtimeEvent[] = [];
    unsubscribers.push(subscribeToEvents((event) => seen.push(event)));
    await waitUntilListening();

    await reply(bob, conversation, "Yes, it is");

    expect(await assigneeOf(conversation)).toBe(bob.id);
    expect(await activitiesOf(conversation)).toEqual([{ kind: "assigned", actorId: bob.id, targetUserId: bob.id, detail: { via: "reply" } }]);
    const mine = await listConversations(db, subjectOf(bob), "mine");
    expect(mine.rows.map((row) => row.id)).toEqual([conversation.id]);
    expect((await listConversations(db, subjectOf(bob), "unassigned")).rows).toEqual([]);
    expect(await assignmentNotices(workspace.id)).toEqual([]);
    await expect
      .poll(() => seen.filter((event) => event.type === "conversation.updated" && event.conversationId === conversation.id))
      .toEqual([expect.objectContaining({ changes: ["assignee"] })]);
  });

  it("never takes a conversation assigned to someone else, nor adds a line to one already the replier's", async () => {
    const { alice, bob, conversation } = await acme();
    expect(await assignConversation(db, subjectOf(alice), { conversationId: conversation.id, assigneeId: alice.id })).toMatchObject({ ok: true });
    const before = await activitiesOf(conversation);

    await reply(bob, conversation, "I can help too");
    await reply(alice, conversation, "Thanks, Bob, I have it");

    expect(await assigneeOf(conversation)).toBe(alice.id);
    expect(await activitiesOf(conversation)).toEqual(before);
  });

  it("does not claim a closed conversation", async () => {
    const { bob, conversation } = await acme();
    await (await getDb()).update(conversations).set({ status: "closed" }).where(eq(conversations.id, conversation.id));

    await reply(bob, conversation, "One last thing");

    expect(await assigneeOf(conversation)).toBeNull();
    expect(await activitiesOf(conversation)).toEqual([]);
  });

  it("does not claim when the workspace turned it off", async () => {
    const { workspace, alice, bob, conversation } = await acme();
    session.actor = actorOf(alice);
    expect(await settingsActions.saveClaimOnReplyAction({ enabled: false })).toEqual({ ok: true, value: { enabled: false } });

    await reply(bob, conversation, "Yes, it is");

    expect(await assigneeOf(conversation)).toBeNull();
    expect(await activitiesOf(conversation)).toEqual([]);
    const [row] = await (await getDb()).select({ claimOnReply: workspaces.claimOnReply }).from(workspaces).where(eq(workspaces.id, workspace.id));
    expect(row!.claimOnReply).toBe(false);
  });

  it("is on for a new workspace", async () => {
    const { workspace } = await acme();
    const [row] = await (await getDb()).select({ claimOnReply: workspaces.claimOnReply }).from(workspaces).where(eq(workspaces.id, workspace.id));
    expect(row!.claimOnReply).toBe(true);
  });

  it("a member cannot change the setting: the action refuses and nothing changes", async () => {
    const { bob } = await acme();
    session.actor = actorOf(bob);
    const before = await snapshotDatabase();

    expect(await settingsActions.saveClaimOnReplyAction({ enabled: false })).toEqual({ ok: false, reason: "not_admin" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("refuses a malformed setting as invalid_input", async () => {
    const { alice } = await acme();
    session.actor = actorOf(alice);
    const before = await snapshotDatabase();
    expect(await settingsActions.saveClaimOnReplyAction({ enabled: "yes" as unknown as boolean })).toMatchObject({ ok: false, reason: "invalid_input" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("of two concurrent replies to one unassigned conversation, exactly one claims it, with one line", async () => {
    const { alice, bob, conversation } = await acme();

    await Promise.all([reply(alice, conversation, "Hello from Alice"), reply(bob, conversation, "Hello from Bob")]);

    const assignee = await assigneeOf(conversation);
    expect([alice.id, bob.id]).toContain(assignee);
    expect(await activitiesOf(conversation)).toEqual([{ kind: "assigned", actorId: assignee, targetUserId: assignee, detail: { via: "reply" } }]);
  });
});
