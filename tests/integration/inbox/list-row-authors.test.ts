import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import type { MessageEvent } from "@/lib/channels/types";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import { listConversations } from "@/lib/inbox/queries";
import { sendReply } from "@/lib/inbox/reply";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import type { View } from "@/lib/views";
import { createApp, createUser, createWorkspace, subjectOf, type CreatedApp } from "@/tests/factories";
import { newMessengerMid } from "@/tests/stand-ins/meta";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

function message(contactId: string, direction: "inbound" | "outbound", text: string, occurredAt: Date): MessageEvent {
  return {
    kind: "message",
    direction,
    contactId,
    contactName: direction === "inbound" ? "Ann Contact" : null,
    providerMessageId: newMessengerMid(),
    text,
    attachments: [],
    occurredAt,
  };
}

async function inbox() {
  const workspace = await createWorkspace();
  const alice = await createUser({ workspace, role: "admin", name: "Alice Admin" });
  const bob = await createUser({ workspace, name: "Bob Member" });
  const app = (await createApp({ installer: alice, provider: "messenger" })) as CreatedApp<"messenger">;
  return { alice, bob, app, contactId: `psid-${newMessengerMid()}` };
}

/** Each test has a workspace of its own: the contact's conversation is the only row. */
async function rowFor(viewer: Parameters<typeof subjectOf>[0], view: View = "unassigned") {
  const { rows } = await listConversations(db, subjectOf(viewer), view);
  return rows.find((row) => row.contactName === "Ann Contact") ?? null;
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("the list's word on the last message", () => {
  it("a customer's message: no author, and the conversation waits since that message", async () => {
    const { alice, app, contactId } = await inbox();
    const at = minutesAgo(125);
    await ingestEvents(db, app, [message(contactId, "inbound", "Is the 20% discount still valid?", at)]);

    const row = await rowFor(alice);

    expect(row).toMatchObject({ lastMessagePreview: "Is the 20% discount still valid?", lastMessageAuthor: null });
    expect(row?.waitingSince?.toISOString()).toBe(at.toISOString());
  });

  it("a reply: 'you' for the replier, the first name for a teammate, and nobody waits", async () => {
    const { alice, bob, app, contactId } = await inbox();
    await ingestEvents(db, app, [message(contactId, "inbound", "Hello?", minutesAgo(10))]);
    const conversationId = (await rowFor(alice))!.id;

    const sent = await sendReply(db, subjectOf(alice), { conversationId, text: "Yes, until Friday." });
    expect(sent.ok).toBe(true);

    // The reply claimed the unassigned conversation for Alice (claim on reply): it is hers now.
    const forAlice = await rowFor(alice, "mine");
    const forBob = await rowFor(bob, "others");
    expect(forAlice).toMatchObject({ lastMessagePreview: "Yes, until Friday.", lastMessageAuthor: { kind: "you" }, waitingSince: null });
    expect(forBob).toMatchObject({ lastMessageAuthor: { kind: "teammate", name: "Alice" }, waitingSince: null });
  });

  it("the customer writing again after a reply: waiting again, since the new message", async () => {
    const { alice, app, contactId } = await inbox();
    await ingestEvents(db, app, [message(contactId, "inbound", "Hello?", minutesAgo(10))]);
    const conversationId = (await rowFor(alice))!.id;
    await sendReply(db, subjectOf(alice), { conversationId, text: "Hi!" });
    const again = minutesAgo(0);
    await ingestEvents(db, app, [message(contactId, "inbound", "One more thing", again)]);

    const row = await rowFor(alice, "mine");

    expect(row).toMatchObject({ lastMessagePreview: "One more thing", lastMessageAuthor: null });
    expect(row?.waitingSince?.toISOString()).toBe(again.toISOString());
  });

  it("a message the page sent from elsewhere (an echo): the team's, not the customer's", async () => {
    const { alice, app, contactId } = await inbox();
    await ingestEvents(db, app, [message(contactId, "inbound", "Hello?", minutesAgo(10))]);
    await ingestEvents(db, app, [message(contactId, "outbound", "Answered from Meta Business Suite", minutesAgo(1))]);

    expect(await rowFor(alice)).toMatchObject({ lastMessageAuthor: { kind: "team" }, waitingSince: null });
  });

  it("a late webhook of an older customer message leaves the newer reply's author in place", async () => {
    const { alice, app, contactId } = await inbox();
    await ingestEvents(db, app, [message(contactId, "inbound", "Hello?", minutesAgo(10))]);
    const conversationId = (await rowFor(alice))!.id;
    await sendReply(db, subjectOf(alice), { conversationId, text: "Hi!" });
    await ingestEvents(db, app, [message(contactId, "inbound", "(sent before the reply)", minutesAgo(5))]);

    expect(await rowFor(alice, "mine")).toMatchObject({ lastMessagePreview: "Hi!", lastMessageAuthor: { kind: "you" }, waitingSince: null });
  });

  it("a closed conversation is not waiting, whoever wrote last", async () => {
    const { alice, app, contactId } = await inbox();
    await ingestEvents(db, app, [message(contactId, "inbound", "Thanks, that's all", minutesAgo(3))]);
    const conversationId = (await rowFor(alice))!.id;
    expect((await setConversationStatus(db, subjectOf(alice), { conversationId, status: "closed" })).ok).toBe(true);

    expect(await rowFor(alice, "closed")).toMatchObject({ lastMessageAuthor: null, waitingSince: null });
  });
});
