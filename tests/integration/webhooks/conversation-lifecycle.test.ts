import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversationActivities, conversations, type Provider } from "@/db/schema";
import { deleteConversation } from "@/lib/inbox/delete-conversation";
import { createApp, createConversation, createMessage, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import {
  conversationsOf,
  countWorkspaceRows,
  deliver,
  inboundRequest,
  jobQueuesOf,
  jobsOf,
  messagesOf,
  newContact,
  sendInbound,
} from "@/tests/support/webhooks";
import { fetchMessengerProfileJob } from "@/lib/inbox/fetch-messenger-profile-job";
import { notifyMessageJob } from "@/lib/notifications/notify-message-job";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** Spec §5 (reopen, delete) and §8 (idempotence, isolation) through the real webhook routes, for both providers. */

async function demoCompany(provider: Provider) {
  const workspace = await createWorkspace({ name: "Demo Company" });
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace, name: "Bob" });
  const app = await createApp({ installer: alice, provider });
  return { workspace, alice, bob, app };
}

async function activitiesOf(conversationId: string) {
  return db.select().from(conversationActivities).where(eq(conversationActivities.conversationId, conversationId));
}

/** A profile lookup per new Messenger conversation, a notification per stored inbound message. */
function queuesExpected(provider: Provider, counts: { newConversations: number; inboundMessages: number }): Record<string, number> {
  return {
    ...(provider === "messenger" && counts.newConversations > 0 ? { [fetchMessengerProfileJob.queue]: counts.newConversations } : {}),
    ...(counts.inboundMessages > 0 ? { [notifyMessageJob.queue]: counts.inboundMessages } : {}),
  };
}

describe.each(["messenger", "whatsapp"] as const)("%s inbound messages", (provider) => {
  it("reopen a closed conversation, keeping its assignee, with a 'reopened by a new message' line", async () => {
    const { app, bob } = await demoCompany(provider);
    const closed = await createConversation({ app, assignee: bob, status: "closed" });
    await createMessage({ conversation: closed, text: "Earlier question" });

    const response = await sendInbound(app, closed.externalContactId, "One more thing");

    expect(response.status).toBe(200);
    const all = await conversationsOf(app);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: closed.id, status: "open", assigneeId: bob.id, lastMessagePreview: "One more thing" });
    expect(all[0]!.lastActivityAt.getTime()).toBeGreaterThan(closed.lastActivityAt.getTime());
    expect((await messagesOf(app)).map((m) => m.text)).toEqual(["Earlier question", "One more thing"]);
    const activities = await activitiesOf(closed.id);
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({ kind: "reopened_by_message", actorId: null, conversationId: closed.id });
    // An existing conversation needs no profile lookup; the new message gets its notification.
    expect(await jobQueuesOf(app)).toEqual(queuesExpected(provider, { newConversations: 0, inboundMessages: 1 }));
  });

  it("do not reopen a conversation closed after the message when the provider replays that message", async () => {
    const { app } = await demoCompany(provider);
    const contact = newContact(app);
    const { route, signed } = inboundRequest(app, contact, "Thanks, that's all");
    await deliver(route, app.id, signed);
    const [conversation] = await conversationsOf(app);
    await db.update(conversations).set({ status: "closed" }).where(eq(conversations.id, conversation!.id));

    expect((await deliver(route, app.id, signed)).status).toBe(200);

    const [after] = await conversationsOf(app);
    expect(after!.status).toBe("closed");
    expect(await activitiesOf(conversation!.id)).toEqual([]);
    expect(await messagesOf(app)).toHaveLength(1);
  });

  it("start a new Unassigned conversation for the contact of a deleted one, holding only the new message", async () => {
    const { app, alice, bob } = await demoCompany(provider);
    const contact = newContact(app);
    await sendInbound(app, contact, "Before the delete");
    const [old] = await conversationsOf(app);
    await db.update(conversations).set({ assigneeId: bob.id }).where(eq(conversations.id, old!.id));
    expect((await deleteConversation(db, subjectOf(alice), old!.id)).ok).toBe(true);

    const response = await sendInbound(app, contact, "After the delete");

    expect(response.status).toBe(200);
    const all = await conversationsOf(app);
    expect(all).toHaveLength(2);
    const fresh = all.find((c) => c.id !== old!.id)!;
    expect(fresh).toMatchObject({ externalContactId: contact, status: "open", assigneeId: null, deletedAt: null });
    const stored = await messagesOf(app);
    expect(stored.map((m) => [m.conversationId, m.text])).toEqual([[fresh.id, "After the delete"]]);
    expect(all.find((c) => c.id === old!.id)!.deletedAt).not.toBeNull();
    expect(await activitiesOf(fresh.id)).toEqual([]);
    // The deleted messages' jobs no longer count as the app's; the tombstone's profile lookup still does.
    expect(await jobQueuesOf(app)).toEqual(queuesExpected(provider, { newConversations: 2, inboundMessages: 1 }));
    if (provider === "messenger") expect((await jobsOf(app)).map((j) => j.payload.conversationId)).toContain(fresh.id);
  });

  it("do not bring a deleted conversation's message back when the provider retries it", async () => {
    const { app, alice } = await demoCompany(provider);
    const contact = newContact(app);
    const { route, signed } = inboundRequest(app, contact, "Delivered before the delete");
    await deliver(route, app.id, signed);
    const [old] = await conversationsOf(app);
    expect((await deleteConversation(db, subjectOf(alice), old!.id)).ok).toBe(true);
    const before = await countWorkspaceRows(app.workspaceId);

    const retry = await deliver(route, app.id, signed);

    expect(retry.status).toBe(200);
    expect(await conversationsOf(app)).toHaveLength(1);
    expect(await messagesOf(app)).toEqual([]);
    expect(await countWorkspaceRows(app.workspaceId)).toEqual(before);
  });

  it("put a new contact's first two messages, delivered at the same moment, into one conversation", async () => {
    const { app } = await demoCompany(provider);
    // Several contacts at once make the race likely on PostgreSQL's connection pool.
    const contacts = Array.from({ length: 5 }, () => newContact(app));

    const responses = await Promise.all(
      contacts.flatMap((contact) => [sendInbound(app, contact, "first"), sendInbound(app, contact, "second")]),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const all = await conversationsOf(app);
    expect(all.map((c) => c.externalContactId).sort()).toEqual([...contacts].sort());
    const stored = await messagesOf(app);
    for (const conversation of all) {
      expect(stored.filter((m) => m.conversationId === conversation.id).map((m) => m.text).sort()).toEqual(["first", "second"]);
    }
    expect(await jobQueuesOf(app)).toEqual(queuesExpected(provider, { newConversations: contacts.length, inboundMessages: 10 }));
  });

  it("from an app of Other Company land only in Other Company, even from a contact Demo Company talks to", async () => {
    const demo = await demoCompany(provider);
    const other = await createWorkspace({ name: "Other Company" });
    const dave = await createUser({ workspace: other, role: "admin", name: "Dave" });
    // Same Messenger page or WhatsApp sender connected in both workspaces.
    const otherApp = await createApp({
      installer: dave,
      provider,
      credentials:
        "pageId" in demo.app.credentials ? { pageId: demo.app.credentials.pageId } : { sender: demo.app.credentials.sender },
    });
    const shared = await createConversation({ app: demo.app, assignee: demo.bob });
    const demoBefore = await countWorkspaceRows(demo.workspace.id);

    const response = await sendInbound(otherApp, shared.externalContactId, "Hello Other Company");

    expect(response.status).toBe(200);
    expect(await countWorkspaceRows(demo.workspace.id)).toEqual(demoBefore);
    const [demoConversation] = await conversationsOf(demo.app);
    expect(demoConversation).toEqual(shared);
    expect(await countWorkspaceRows(other.id)).toEqual({
      conversations: 1,
      messages: 1,
      activities: 0,
      jobs: Object.values(queuesExpected(provider, { newConversations: 1, inboundMessages: 1 })).reduce((a, b) => a + b, 0),
    });
    const [otherConversation] = await conversationsOf(otherApp);
    expect(otherConversation).toMatchObject({ workspaceId: other.id, appId: otherApp.id, externalContactId: shared.externalContactId });
    expect((await messagesOf(otherApp))[0]).toMatchObject({ workspaceId: other.id, text: "Hello Other Company" });
  });
});
