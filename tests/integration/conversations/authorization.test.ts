import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversations, jobs, messages, type User } from "@/db/schema";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { setAvailability } from "@/lib/inbox/availability";
import { deleteConversation } from "@/lib/inbox/delete-conversation";
import { resendMessage, sendReply } from "@/lib/inbox/reply";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { isUuid } from "@/lib/ids";
import type { Result } from "@/lib/result";
import { createConversation, createMessage, subjectOf } from "@/tests/factories";
import { snapshotDatabase } from "@/tests/support/db-snapshot";
import { buildWorld, unknownId, viewHolding, type World } from "./world";
import { sendReplyJob } from "@/lib/inbox/send-reply-job";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

type Target = { conversationId: string; failedMessageId: string };
type AnyResult = Result<unknown, string>;

/**
 * Every action on a conversation. Each target is first put into a state where the action would
 * succeed for someone allowed to act, so a refusal below is down to who acts on what, not to
 * "nothing to do".
 */
const ACTIONS: Record<
  string,
  { prepare?: Partial<typeof conversations.$inferInsert>; run: (actor: User, target: Target, world: World) => Promise<AnyResult> }
> = {
  assign: {
    run: (actor, target, world) => assignConversation(db, subjectOf(actor), { conversationId: target.conversationId, assigneeId: world.users.bob.id }),
  },
  unassign: {
    run: (actor, target) => assignConversation(db, subjectOf(actor), { conversationId: target.conversationId, assigneeId: null }),
  },
  close: {
    run: (actor, target) => setConversationStatus(db, subjectOf(actor), { conversationId: target.conversationId, status: "closed" }),
  },
  reopen: {
    prepare: { status: "closed" },
    run: (actor, target) => setConversationStatus(db, subjectOf(actor), { conversationId: target.conversationId, status: "open" }),
  },
  delete: { run: (actor, target) => deleteConversation(db, subjectOf(actor), target.conversationId) },
  reply: { run: (actor, target) => sendReply(db, subjectOf(actor), { conversationId: target.conversationId, text: "Hello there" }) },
  resend: {
    run: (actor, target) => resendMessage(db, subjectOf(actor), { conversationId: target.conversationId, messageId: target.failedMessageId }),
  },
};

/** Each way of reaching a conversation one may not act on; all must look like "unknown id". */
const UNREACHABLE: Array<[string, (world: World) => { actor: User; target: Target }]> = [
  ["an unknown conversation id", (w) => ({ actor: w.users.alice, target: { conversationId: unknownId(), failedMessageId: w.messages.failed.id } })],
  ["a conversation id that is not a uuid", (w) => ({ actor: w.users.alice, target: { conversationId: "c-42", failedMessageId: w.messages.failed.id } })],
  [
    "another workspace's conversation",
    (w) => ({ actor: w.users.alice, target: { conversationId: w.otherConversation.id, failedMessageId: w.messages.otherFailed.id } }),
  ],
  [
    "a user of another workspace acting on this one's",
    (w) => ({ actor: w.users.olga, target: { conversationId: w.conversation.id, failedMessageId: w.messages.failed.id } }),
  ],
  [
    "a user without access to the app",
    (w) => ({ actor: w.users.carol, target: { conversationId: w.conversation.id, failedMessageId: w.messages.failed.id } }),
  ],
  ["a deleted conversation", (w) => ({ actor: w.users.alice, target: { conversationId: w.deleted.id, failedMessageId: unknownId() } })],
  [
    "a conversation of an uninstalled app",
    (w) => ({
      actor: w.users.alice,
      target: { conversationId: w.uninstalledConversation.id, failedMessageId: w.messages.uninstalledFailed.id },
    }),
  ],
];

const ACTION_NAMES = Object.keys(ACTIONS);

/** Puts an existing target into the state where `action` would succeed (assigned for unassign, closed for reopen). */
async function prepare(action: string, conversationId: string, world: World) {
  if (!isUuid(conversationId)) return;
  const [row] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
  if (!row) return;
  const assignee = row.workspaceId === world.other.id ? world.users.olga : world.users.bob;
  const changes = { ...ACTIONS[action]!.prepare, ...(action === "unassign" ? { assigneeId: assignee.id } : {}) };
  if (Object.keys(changes).length > 0) await db.update(conversations).set(changes).where(eq(conversations.id, row.id));
}

describe("the authorization matrix: each action on a conversation one may not reach", () => {
  describe.each(ACTION_NAMES)("%s", (action) => {
    it("succeeds for the installer on a conversation of their workspace (the control)", async () => {
      const world = await buildWorld();
      await prepare(action, world.conversation.id, world);

      const result = await ACTIONS[action]!.run(
        world.users.alice,
        { conversationId: world.conversation.id, failedMessageId: world.messages.failed.id },
        world,
      );

      expect(result).toMatchObject({ ok: true });
    });

    it.each(UNREACHABLE)("refuses %s as not_found and changes nothing", async (_case, pick) => {
      const world = await buildWorld();
      const { actor, target } = pick(world);
      await prepare(action, target.conversationId, world);
      const before = await snapshotDatabase();

      const result = await ACTIONS[action]!.run(actor, target, world);

      // Exactly this value for every case: nothing tells "exists elsewhere" from "unknown".
      expect(result).toEqual({ ok: false, reason: "not_found" });
      expect(await snapshotDatabase()).toEqual(before);
    });
  });
});

describe("assigning to someone who may not be assigned", () => {
  const REFUSED_ASSIGNEES: Array<[string, (world: World) => string, string, Record<string, string> | undefined]> = [
    ["a user of another workspace", (w) => w.users.olga.id, "unknown_assignee", undefined],
    ["an id that names nobody", () => unknownId(), "unknown_assignee", undefined],
    ["a user without access to the app", (w) => w.users.carol.id, "assignee_no_access", { name: "Carol" }],
    ["an inactive user", (w) => w.users.erin.id, "assignee_inactive", { name: "Erin" }],
    ["an unavailable user", (w) => w.users.frank.id, "assignee_unavailable", { name: "Frank" }],
  ];

  describe.each([
    ["an unassigned conversation", null],
    ["a conversation assigned to bob (reassigning)", "bob"],
  ] as const)("on %s", (_state, assignee) => {
    it.each(REFUSED_ASSIGNEES)("refuses %s with %s and changes nothing", async (_who, pickAssignee, reason, params) => {
      const world = await buildWorld();
      const conversation = await createConversation({ app: world.apps.messenger, assignee: assignee ? world.users.bob : null });
      const before = await snapshotDatabase();

      const result = await assignConversation(db, subjectOf(world.users.bob), {
        conversationId: conversation.id,
        assigneeId: pickAssignee(world),
      });

      expect(result).toEqual(params ? { ok: false, reason, params } : { ok: false, reason });
      expect(await snapshotDatabase()).toEqual(before);
    });
  });

  it("refuses an unavailable user assigning the conversation to themself", async () => {
    const world = await buildWorld();
    const before = await snapshotDatabase();

    const result = await assignConversation(db, subjectOf(world.users.frank), {
      conversationId: world.conversation.id,
      assigneeId: world.users.frank.id,
    });

    expect(result).toEqual({ ok: false, reason: "assignee_unavailable", params: { name: "Frank" } });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it("lets an available user with access assign to an admin who is on the access list (the control)", async () => {
    const world = await buildWorld();

    const result = await assignConversation(db, subjectOf(world.users.bob), {
      conversationId: world.conversation.id,
      assigneeId: world.users.dan.id,
    });

    expect(result).toEqual({ ok: true, value: { assigneeId: world.users.dan.id } });
  });
});

describe("going unavailable", () => {
  it("leaves the user's current conversations assigned to them and in their views", async () => {
    const world = await buildWorld();
    const { bob, alice } = world.users;
    const open = await createConversation({ app: world.apps.messenger, assignee: bob });
    const closed = await createConversation({ app: world.apps.whatsapp, assignee: bob, status: "closed" });
    const conversationsBefore = (await snapshotDatabase()).conversations;

    await setAvailability(db, subjectOf(bob), false);

    expect((await snapshotDatabase()).conversations).toEqual(conversationsBefore);
    expect(await viewHolding(bob, open)).toBe("mine");
    expect(await viewHolding(alice, open)).toBe("others");
    expect(await viewHolding(bob, closed)).toBe("closed");
  });

  it("then refuses new assignments to them, by others and by themself, until they are available again", async () => {
    const world = await buildWorld();
    const { bob, alice } = world.users;
    await setAvailability(db, subjectOf(bob), false);
    const before = await snapshotDatabase();

    const byAlice = await assignConversation(db, subjectOf(alice), { conversationId: world.conversation.id, assigneeId: bob.id });
    const byBob = await assignConversation(db, subjectOf(bob), { conversationId: world.conversation.id, assigneeId: bob.id });

    expect(byAlice).toEqual({ ok: false, reason: "assignee_unavailable", params: { name: "Bob" } });
    expect(byBob).toEqual(byAlice);
    expect(await snapshotDatabase()).toEqual(before);

    await setAvailability(db, subjectOf(bob), true);
    expect(await assignConversation(db, subjectOf(alice), { conversationId: world.conversation.id, assigneeId: bob.id })).toEqual({
      ok: true,
      value: { assigneeId: bob.id },
    });
  });
});

describe("deleting as someone who is not the app's installer", () => {
  it.each([
    ["a member with access", "bob"],
    ["an admin with access who did not install the app", "dan"],
  ] as const)("refuses %s with not_installer and deletes nothing", async (_who, name) => {
    const world = await buildWorld();
    const before = await snapshotDatabase();

    const result = await deleteConversation(db, subjectOf(world.users[name]), world.conversation.id);

    expect(result).toEqual({ ok: false, reason: "not_installer" });
    expect(await snapshotDatabase()).toEqual(before);
  });
});

describe("replies the provider would not take", () => {
  it.each([
    ["messenger", ""],
    ["messenger", " "],
    ["messenger", "\n\t \r\n"],
    ["whatsapp", ""],
    ["whatsapp", "   \n  "],
  ] as const)("refuses an empty or whitespace-only reply on %s (%j) and stores nothing", async (provider, text) => {
    const world = await buildWorld();
    const conversation = provider === "messenger" ? world.conversation : world.whatsappConversation;
    const before = await snapshotDatabase();

    const result = await sendReply(db, subjectOf(world.users.bob), { conversationId: conversation.id, text });

    expect(result).toEqual({ ok: false, reason: "empty_reply" });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it.each([
    ["messenger", 2000, "Messenger"],
    ["whatsapp", 1600, "WhatsApp"],
  ] as const)("refuses a %s reply one character over %i with the limit stated, storing nothing", async (provider, limit, label) => {
    const world = await buildWorld();
    const conversation = provider === "messenger" ? world.conversation : world.whatsappConversation;
    const before = await snapshotDatabase();

    const result = await sendReply(db, subjectOf(world.users.bob), { conversationId: conversation.id, text: "x".repeat(limit + 1) });

    expect(result).toEqual({ ok: false, reason: "reply_too_long", params: { limit, provider: label } });
    expect(await snapshotDatabase()).toEqual(before);
  });

  it.each([
    ["messenger", 2000],
    ["whatsapp", 1600],
  ] as const)("accepts a %s reply of exactly %i characters as pending, with one send job", async (provider, limit) => {
    const world = await buildWorld();
    const conversation = provider === "messenger" ? world.conversation : world.whatsappConversation;
    const text = "y".repeat(limit);

    const result = await sendReply(db, subjectOf(world.users.bob), { conversationId: conversation.id, text });

    expect(result.ok).toBe(true);
    const messageId = result.ok ? result.value.messageId : "";
    const [stored] = await db.select().from(messages).where(eq(messages.id, messageId));
    expect(stored).toMatchObject({ direction: "outbound", state: "pending", text, senderUserId: world.users.bob.id });
    const queued = await db.select().from(jobs).where(eq(jobs.queue, sendReplyJob.queue));
    expect(queued.filter((job) => job.payload.messageId === messageId)).toHaveLength(1);
  });

  it("does not count trailing whitespace against the limit", async () => {
    const world = await buildWorld();
    const result = await sendReply(db, subjectOf(world.users.bob), {
      conversationId: world.conversation.id,
      text: `${"z".repeat(2000)}  \n`,
    });
    expect(result.ok).toBe(true);
  });
});

describe("sending again a message that has not failed", () => {
  const NOT_FAILED: Array<[string, (world: World) => Promise<string>]> = [
    ["a sent reply", async (w) => w.messages.sent.id],
    [
      "a pending reply",
      async (w) =>
        (await createMessage({ conversation: w.conversation, direction: "outbound", state: "pending", providerMessageId: null })).id,
    ],
    ["an inbound message", async (w) => (await createMessage({ conversation: w.conversation, direction: "inbound" })).id],
    [
      "a failed reply of another conversation of the same app",
      async (w) => {
        const elsewhere = await createConversation({ app: w.apps.messenger });
        return (await createMessage({ conversation: elsewhere, direction: "outbound", state: "failed", providerMessageId: null })).id;
      },
    ],
    ["a failed reply of another workspace", async (w) => w.messages.otherFailed.id],
    ["an id that names no message", async () => unknownId()],
  ];

  it.each(NOT_FAILED)("refuses %s with not_failed and changes nothing", async (_what, pick) => {
    const world = await buildWorld();
    const messageId = await pick(world);
    const before = await snapshotDatabase();

    const result = await resendMessage(db, subjectOf(world.users.bob), { conversationId: world.conversation.id, messageId });

    expect(result).toEqual({ ok: false, reason: "not_failed" });
    expect(await snapshotDatabase()).toEqual(before);
  });
});
