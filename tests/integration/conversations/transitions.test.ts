import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversations, type Conversation, type User } from "@/db/schema";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { countViews, loadThreadPage } from "@/lib/inbox/queries";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import type { View } from "@/lib/views";
import { createApp, createConversation, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import { snapshotDatabase } from "@/tests/support/db-snapshot";
import { viewHolding } from "./world";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

async function team() {
  const workspace = await createWorkspace();
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace, name: "Bob" });
  const app = await createApp({ installer: alice, provider: "whatsapp" });
  const conversation = await createConversation({ app });
  return { alice, bob, conversation };
}

const EMPTY_COUNTS = { unassigned: 0, mine: 0, others: 0, snoozed: 0, closed: 0 };

/** The view each user finds the conversation in, checked in the lists and in the counts. */
async function expectViews(conversation: Conversation, expected: Array<[User, View]>) {
  for (const [user, view] of expected) {
    expect({ user: user.name, view: await viewHolding(user, conversation) }).toEqual({ user: user.name, view });
    expect(await countViews(db, subjectOf(user))).toEqual({ ...EMPTY_COUNTS, [view]: 1 });
  }
}

async function assign(actor: User, conversation: Conversation, assignee: User | null) {
  return assignConversation(db, subjectOf(actor), { conversationId: conversation.id, assigneeId: assignee?.id ?? null });
}

async function setStatus(actor: User, conversation: Conversation, status: "open" | "closed") {
  return setConversationStatus(db, subjectOf(actor), { conversationId: conversation.id, status });
}

async function stored(conversation: Conversation) {
  const [row] = await (await getDb()).select().from(conversations).where(eq(conversations.id, conversation.id));
  return row!;
}

/** The thread's activity lines as the page words them: kind, who, whom. */
async function activityLines(conversation: Conversation) {
  const { activities } = await loadThreadPage(db, conversation.id);
  return activities.map((line) => [line.kind, line.actorName, line.targetName]);
}

describe("assign, reassign, unassign, close and reopen", () => {
  it("move the conversation between everyone's views, with one activity line per change", async () => {
    const { alice, bob, conversation } = await team();
    await expectViews(conversation, [[alice, "unassigned"], [bob, "unassigned"]]);

    expect(await assign(alice, conversation, bob)).toEqual({ ok: true, value: { assigneeId: bob.id } });
    await expectViews(conversation, [[bob, "mine"], [alice, "others"]]);

    expect(await assign(bob, conversation, alice)).toEqual({ ok: true, value: { assigneeId: alice.id } });
    await expectViews(conversation, [[alice, "mine"], [bob, "others"]]);

    expect(await assign(alice, conversation, null)).toEqual({ ok: true, value: { assigneeId: null } });
    await expectViews(conversation, [[alice, "unassigned"], [bob, "unassigned"]]);

    expect(await assign(bob, conversation, bob)).toEqual({ ok: true, value: { assigneeId: bob.id } });
    expect(await setStatus(alice, conversation, "closed")).toEqual({ ok: true, value: { status: "closed" } });
    await expectViews(conversation, [[alice, "closed"], [bob, "closed"]]);
    expect(await stored(conversation)).toMatchObject({ status: "closed", assigneeId: bob.id });

    expect(await setStatus(bob, conversation, "open")).toEqual({ ok: true, value: { status: "open" } });
    await expectViews(conversation, [[bob, "mine"], [alice, "others"]]);

    expect(await activityLines(conversation)).toEqual([
      ["assigned", "Alice", "Bob"],
      ["assigned", "Bob", "Alice"],
      ["unassigned", "Alice", null],
      ["assigned", "Bob", "Bob"],
      ["closed", "Alice", null],
      ["reopened", "Bob", null],
    ]);
  });

  it("reopens an unassigned closed conversation into Unassigned", async () => {
    const { alice, bob, conversation } = await team();
    await setStatus(bob, conversation, "closed");
    await expectViews(conversation, [[alice, "closed"], [bob, "closed"]]);

    await setStatus(alice, conversation, "open");

    await expectViews(conversation, [[alice, "unassigned"], [bob, "unassigned"]]);
  });

  it("lets a closed conversation be reassigned while it stays in Closed", async () => {
    const { alice, bob, conversation } = await team();
    await assign(alice, conversation, alice);
    await setStatus(alice, conversation, "closed");

    expect(await assign(alice, conversation, bob)).toEqual({ ok: true, value: { assigneeId: bob.id } });
    await expectViews(conversation, [[alice, "closed"], [bob, "closed"]]);

    await setStatus(alice, conversation, "open");
    await expectViews(conversation, [[bob, "mine"], [alice, "others"]]);
  });

  it.each([
    ["closing a closed conversation", async (t: Awaited<ReturnType<typeof team>>) => {
      await setStatus(t.alice, t.conversation, "closed");
      return () => setStatus(t.bob, t.conversation, "closed");
    }],
    ["reopening an open conversation", async (t: Awaited<ReturnType<typeof team>>) => () => setStatus(t.bob, t.conversation, "open")],
    ["assigning to the current assignee", async (t: Awaited<ReturnType<typeof team>>) => {
      await assign(t.alice, t.conversation, t.bob);
      return () => assign(t.alice, t.conversation, t.bob);
    }],
    ["unassigning an unassigned conversation", async (t: Awaited<ReturnType<typeof team>>) => () => assign(t.bob, t.conversation, null)],
  ])("refuses %s as already_in_state and adds no activity line", async (_case, arrange) => {
    const t = await team();
    const act = await arrange(t);
    const before = await snapshotDatabase();

    expect(await act()).toEqual({ ok: false, reason: "already_in_state" });
    expect(await snapshotDatabase()).toEqual(before);
  });
});
