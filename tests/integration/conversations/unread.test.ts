import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversations, type Conversation, type User } from "@/db/schema";
import type { MessageEvent } from "@/lib/channels/types";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import { listConversations } from "@/lib/inbox/queries";
import { markConversationRead } from "@/lib/inbox/read-markers";
import { sendReply } from "@/lib/inbox/reply";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { VIEWS } from "@/lib/views";
import { createApp, createUser, createWorkspace, subjectOf, type CreatedApp } from "@/tests/factories";
import { newMessengerMid } from "@/tests/stand-ins/meta";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

function inbound(contactId: string, text: string): MessageEvent {
  return {
    kind: "message",
    direction: "inbound",
    contactId,
    contactName: "Ann Contact",
    providerMessageId: newMessengerMid(),
    text,
    attachments: [],
    occurredAt: new Date(),
  };
}

/** A conversation started the way real ones are: by an inbound message through ingest. */
async function inboxWithNewConversation() {
  const workspace = await createWorkspace();
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace, name: "Bob" });
  const app = (await createApp({ installer: alice, provider: "messenger" })) as CreatedApp<"messenger">;
  const contactId = `psid-${newMessengerMid()}`;
  await ingestEvents(db, app, [inbound(contactId, "Hello?")]);
  const [conversation] = await (await getDb())
    .select()
    .from(conversations)
    .where(and(eq(conversations.appId, app.id), eq(conversations.externalContactId, contactId), isNull(conversations.deletedAt)));
  return { alice, bob, app, contactId, conversation: conversation! };
}

/** Whether `user` sees the conversation as unread, in whichever view it sits. */
async function isUnreadFor(user: User, conversation: Conversation): Promise<boolean> {
  for (const view of VIEWS) {
    const { rows } = await listConversations(db, subjectOf(user), view, { limit: 100 });
    const row = rows.find((candidate) => candidate.id === conversation.id);
    if (row) return row.isUnread;
  }
  throw new Error(`${user.name} sees ${conversation.id} in no view`);
}

async function unreadState(alice: User, bob: User, conversation: Conversation) {
  return { alice: await isUnreadFor(alice, conversation), bob: await isUnreadFor(bob, conversation) };
}

// Read markers and message times are compared at millisecond precision; a real user never
// opens a conversation in the same millisecond as the next message arrives.
const nextMillisecond = () => sleep(3);

describe("unread state", () => {
  it("is per user: reading marks it read for the reader only, and a new inbound message makes it unread again", async () => {
    const { alice, bob, app, contactId, conversation } = await inboxWithNewConversation();
    expect(await unreadState(alice, bob, conversation)).toEqual({ alice: true, bob: true });

    await nextMillisecond();
    await markConversationRead(db, conversation.id, alice.id);
    expect(await unreadState(alice, bob, conversation)).toEqual({ alice: false, bob: true });

    await nextMillisecond();
    await ingestEvents(db, app, [inbound(contactId, "Anyone there?")]);
    expect(await unreadState(alice, bob, conversation)).toEqual({ alice: true, bob: true });
  });

  it("is not set by a reply, for the replier or (docs/decisions.md: unread follows the customer) for teammates", async () => {
    const { alice, bob, conversation } = await inboxWithNewConversation();
    await nextMillisecond();
    await markConversationRead(db, conversation.id, alice.id);
    await markConversationRead(db, conversation.id, bob.id);

    await nextMillisecond();
    const result = await sendReply(db, subjectOf(alice), { conversationId: conversation.id, text: "Yes, how can I help?" });

    expect(result.ok).toBe(true);
    expect(await unreadState(alice, bob, conversation)).toEqual({ alice: false, bob: false });
  });

  it("is cleared for the replier by replying, since they have the thread open", async () => {
    const { alice, bob, conversation } = await inboxWithNewConversation();
    await nextMillisecond();

    await sendReply(db, subjectOf(alice), { conversationId: conversation.id, text: "Hello!" });

    expect(await unreadState(alice, bob, conversation)).toEqual({ alice: false, bob: true });
  });

  it("is marked in every view the conversation moves through", async () => {
    const { alice, bob, app, contactId, conversation } = await inboxWithNewConversation();
    await nextMillisecond();
    await markConversationRead(db, conversation.id, bob.id);

    await assignConversation(db, subjectOf(alice), { conversationId: conversation.id, assigneeId: bob.id });
    expect(await unreadState(alice, bob, conversation)).toEqual({ alice: true, bob: false });

    await setConversationStatus(db, subjectOf(bob), { conversationId: conversation.id, status: "closed" });
    expect(await unreadState(alice, bob, conversation)).toEqual({ alice: true, bob: false });

    await nextMillisecond();
    await ingestEvents(db, app, [inbound(contactId, "Reopening this")]);
    expect(await unreadState(alice, bob, conversation)).toEqual({ alice: true, bob: true });
  });
});
