import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversations } from "@/db/schema";
import type { MessageEvent } from "@/lib/channels/types";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import { listConversations, loadThreadPage } from "@/lib/inbox/queries";
import { markConversationRead } from "@/lib/inbox/read-markers";
import { createApp, createUser, createWorkspace, subjectOf, type CreatedApp } from "@/tests/factories";
import { newMessengerMid } from "@/tests/stand-ins/meta";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

function inbound(contactId: string, text: string, occurredAt: Date): MessageEvent {
  return {
    kind: "message",
    direction: "inbound",
    contactId,
    contactName: "Ann Contact",
    providerMessageId: newMessengerMid(),
    text,
    attachments: [],
    occurredAt,
  };
}

async function inbox() {
  const workspace = await createWorkspace();
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const app = (await createApp({ installer: alice, provider: "messenger" })) as CreatedApp<"messenger">;
  const contactId = `psid-${newMessengerMid()}`;
  return { alice, app, contactId };
}

async function conversationOf(appId: string, contactId: string) {
  const [found] = await (await getDb())
    .select()
    .from(conversations)
    .where(and(eq(conversations.appId, appId), eq(conversations.externalContactId, contactId), isNull(conversations.deletedAt)));
  return found!;
}

/** What Alice's Unassigned list shows for the conversation: its preview line and unread mark. */
async function listedRow(alice: Parameters<typeof subjectOf>[0], conversationId: string) {
  const { rows } = await listConversations(db, subjectOf(alice), "unassigned", { limit: 50 });
  const row = rows.find((candidate) => candidate.id === conversationId);
  return row ? { preview: row.lastMessagePreview, isUnread: row.isUnread } : null;
}

describe("the list's preview under racing deliveries", () => {
  it("keeps the newer message when an older one commits after it, and the late one still makes it unread", async () => {
    const { alice, app, contactId } = await inbox();
    const sentAt = Date.now() - 10_000;
    await ingestEvents(db, app, [inbound(contactId, "Second, sent later", new Date(sentAt + 1_000))]);
    const conversation = await conversationOf(app.id, contactId);
    await markConversationRead(db, conversation.id, alice.id);
    expect(await listedRow(alice, conversation.id)).toEqual({ preview: "Second, sent later", isUnread: false });

    await new Promise((resolve) => setTimeout(resolve, 3));
    await ingestEvents(db, app, [inbound(contactId, "First, delivered late", new Date(sentAt))]);

    expect(await listedRow(alice, conversation.id)).toEqual({ preview: "Second, sent later", isUnread: true });
    // The thread has both, in the order they were sent: the preview names its newest message.
    const thread = await loadThreadPage(db, conversation.id);
    expect(thread.messages.map((message) => message.text)).toEqual(["First, delivered late", "Second, sent later"]);
  });

  it("ends on the newest message whatever order concurrent deliveries commit in", async () => {
    const { alice, app, contactId } = await inbox();
    const sentAt = Date.now() - 60_000;
    await ingestEvents(db, app, [inbound(contactId, "Opening", new Date(sentAt - 1_000))]);
    const order = [4, 9, 0, 7, 2, 8, 1, 6, 3, 5];
    await Promise.all(order.map((n) => ingestEvents(db, app, [inbound(contactId, `Message ${n}`, new Date(sentAt + n * 1_000))])));

    const conversation = await conversationOf(app.id, contactId);
    expect((await listedRow(alice, conversation.id))?.preview).toBe("Message 9");
  });

  it("is not pinned by a provider clock running ahead: the next message still replaces it", async () => {
    const { alice, app, contactId } = await inbox();
    await ingestEvents(db, app, [inbound(contactId, "From the future", new Date(Date.now() + 3_600_000))]);
    await new Promise((resolve) => setTimeout(resolve, 3));
    await ingestEvents(db, app, [inbound(contactId, "Right now", new Date())]);

    const conversation = await conversationOf(app.id, contactId);
    expect((await listedRow(alice, conversation.id))?.preview).toBe("Right now");
  });
});
