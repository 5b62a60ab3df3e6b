import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversationActivities, conversations, messages, type Conversation, type MessagingApp } from "@/db/schema";
import type { MessageEvent } from "@/lib/channels/types";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { findAccessibleConversation } from "@/lib/apps/access";
import { deleteConversation } from "@/lib/inbox/delete-conversation";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import { countViews } from "@/lib/inbox/queries";
import { markConversationRead } from "@/lib/inbox/read-markers";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { createConversation, createMessage, subjectOf } from "@/tests/factories";
import { snapshotDatabase, type DatabaseSnapshot } from "@/tests/support/db-snapshot";
import { newMessengerMid } from "@/tests/stand-ins/meta";
import { buildWorld, viewHolding, viewsOf, type World } from "./world";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

const CHILD_TABLES = ["messages", "conversation_activities", "conversation_reads"] as const;

/** The snapshot without any row of `conversationId`: its own row and the rows hanging off it. */
function without(snapshot: DatabaseSnapshot, conversationId: string): DatabaseSnapshot {
  const rest: DatabaseSnapshot = { ...snapshot };
  rest.conversations = snapshot.conversations!.filter((row) => (row as { id: string }).id !== conversationId);
  for (const table of CHILD_TABLES) {
    rest[table] = snapshot[table]!.filter((row) => (row as { conversation_id: string }).conversation_id !== conversationId);
  }
  return rest;
}

const rowsOf = (snapshot: DatabaseSnapshot, table: (typeof CHILD_TABLES)[number], conversationId: string) =>
  snapshot[table]!.filter((row) => (row as { conversation_id: string }).conversation_id === conversationId);

/** A second conversation in the same app with its own messages, activity line and read marker. */
async function neighbour(world: World) {
  const conversation = await createConversation({ app: world.apps.messenger, assignee: world.users.bob });
  await createMessage({ conversation, direction: "inbound", text: "Neighbour's question" });
  await createMessage({ conversation, direction: "outbound", sender: world.users.bob, text: "Neighbour's answer" });
  await db.insert(conversationActivities).values({
    workspaceId: world.acme.id,
    conversationId: conversation.id,
    kind: "assigned",
    actorId: world.users.alice.id,
    targetUserId: world.users.bob.id,
  });
  await markConversationRead(db, conversation.id, world.users.alice.id);
  return conversation;
}

function inbound(contactId: string, text: string): MessageEvent {
  return {
    kind: "message",
    direction: "inbound",
    contactId,
    contactName: null,
    providerMessageId: newMessengerMid(),
    text,
    attachments: [],
    occurredAt: new Date(),
  };
}

async function storedConversation(id: string) {
  const [row] = await (await getDb()).select().from(conversations).where(eq(conversations.id, id));
  return row!;
}

describe("deleting a conversation as the app's installer", () => {
  it("removes its messages, activity lines and read markers and nothing of any other conversation", async () => {
    const world = await buildWorld();
    await neighbour(world);
    const target = world.conversation;
    await markConversationRead(db, target.id, world.users.alice.id);
    const before = await snapshotDatabase();
    for (const table of CHILD_TABLES) expect(rowsOf(before, table, target.id).length).toBeGreaterThan(0);

    const result = await deleteConversation(db, subjectOf(world.users.alice), target.id);

    expect(result).toEqual({ ok: true, value: { conversationId: target.id } });
    const after = await snapshotDatabase();
    for (const table of CHILD_TABLES) expect(rowsOf(after, table, target.id)).toEqual([]);
    // The deleted messages' provider ids are kept, so a provider's retry cannot revive them.
    const deletedIds = rowsOf(before, "messages", target.id)
      .map((row) => (row as { provider_message_id: string | null }).provider_message_id)
      .filter((id) => id !== null);
    expect(after.deleted_message_ids!.map((row) => (row as { provider_message_id: string }).provider_message_id).sort()).toEqual(deletedIds.sort());
    expect(without({ ...after, deleted_message_ids: [] }, target.id)).toEqual(without(before, target.id));
    // The tombstone: no messages, no preview, no assignee, so nothing of the history remains.
    expect(await storedConversation(target.id)).toMatchObject({ lastMessagePreview: null, assigneeId: null });
    expect((await storedConversation(target.id)).deletedAt).toBeInstanceOf(Date);
  });

  it("leaves a tombstone that holds nothing of the contact, as its doc comment promises", async () => {
    const world = await buildWorld();
    const target = world.conversation;

    await deleteConversation(db, subjectOf(world.users.alice), target.id);

    // delete-conversation.ts: "A tombstone row stays (no messages, no contact)".
    const tombstone = await storedConversation(target.id);
    expect(tombstone.contactName).not.toBe(target.contactName);
    expect(tombstone.externalContactId).not.toBe(target.externalContactId);
  });

  it.each([
    ["an unassigned conversation", async () => {}],
    ["a conversation assigned to bob", async (world: World, c: Conversation) => {
      await assignConversation(db, subjectOf(world.users.alice), { conversationId: c.id, assigneeId: world.users.bob.id });
    }],
    ["a closed conversation", async (world: World, c: Conversation) => {
      await assignConversation(db, subjectOf(world.users.alice), { conversationId: c.id, assigneeId: world.users.alice.id });
      await setConversationStatus(db, subjectOf(world.users.bob), { conversationId: c.id, status: "closed" });
    }],
  ])("takes %s out of every view and count, for everyone", async (_state, arrange) => {
    const world = await buildWorld();
    const target = await createConversation({ app: world.apps.whatsapp });
    await createMessage({ conversation: target, direction: "inbound" });
    await arrange(world, target);
    const viewers = [world.users.alice, world.users.bob, world.users.dan];
    const countsBefore = await Promise.all(viewers.map((user) => countViews(db, subjectOf(user))));
    const heldIn = await Promise.all(viewers.map((user) => viewHolding(user, target)));
    expect(heldIn.every((view) => view !== null)).toBe(true);

    expect(await deleteConversation(db, subjectOf(world.users.alice), target.id)).toMatchObject({ ok: true });

    for (const [i, user] of viewers.entries()) {
      expect(Object.values(await viewsOf(user)).flat()).not.toContain(target.id);
      expect(await countViews(db, subjectOf(user))).toEqual({ ...countsBefore[i], [heldIn[i]!]: countsBefore[i]![heldIn[i]!] - 1 });
      expect(await findAccessibleConversation(await getDb(), subjectOf(user), target.id)).toBeNull();
    }
  });

  it("lets a new message from the same contact start a new, unassigned conversation holding only that message", async () => {
    const world = await buildWorld();
    const app = world.apps.messenger as MessagingApp;
    const target = world.conversation;
    await assignConversation(db, subjectOf(world.users.alice), { conversationId: target.id, assigneeId: world.users.bob.id });
    expect(await deleteConversation(db, subjectOf(world.users.alice), target.id)).toMatchObject({ ok: true });

    const summary = await ingestEvents(db, app, [inbound(target.externalContactId, "Me again")]);

    expect(summary).toMatchObject({ storedMessages: 1 });
    const live = await db.select().from(conversations).where(eq(conversations.externalContactId, target.externalContactId));
    const fresh = live.find((row) => row.deletedAt === null);
    expect(fresh).toBeDefined();
    expect(fresh!.id).not.toBe(target.id);
    expect(fresh).toMatchObject({ appId: app.id, status: "open", assigneeId: null });
    const freshMessages = await db.select().from(messages).where(eq(messages.conversationId, fresh!.id));
    expect(freshMessages.map((message) => message.text)).toEqual(["Me again"]);
    expect(await db.select().from(messages).where(eq(messages.conversationId, target.id))).toEqual([]);
    expect(await viewHolding(world.users.bob, fresh!)).toBe("unassigned");
    expect((await storedConversation(target.id)).deletedAt).toBeInstanceOf(Date);
  });

  it("refuses deleting the same conversation twice as not_found", async () => {
    const world = await buildWorld();
    await deleteConversation(db, subjectOf(world.users.alice), world.conversation.id);
    const before = await snapshotDatabase();

    expect(await deleteConversation(db, subjectOf(world.users.alice), world.conversation.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await snapshotDatabase()).toEqual(before);
  });
});
