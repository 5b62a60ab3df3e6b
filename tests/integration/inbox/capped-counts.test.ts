import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversations, type MessagingApp, type User } from "@/db/schema";
import type { MessageEvent } from "@/lib/channels/types";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { deleteConversation } from "@/lib/inbox/delete-conversation";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import { COUNT_CAP, countViews, formatCount, listConversations } from "@/lib/inbox/queries";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { VIEWS, viewOf, type View } from "@/lib/views";
import { createApp, createConversation, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import { newMessengerMid } from "@/tests/stand-ins/meta";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

function inbound(contactId: string, text: string): MessageEvent {
  return { kind: "message", direction: "inbound", contactId, contactName: null, providerMessageId: newMessengerMid(), text, attachments: [], occurredAt: new Date() };
}

/** What each view should hold for `user`, worked out from the rows with viewOf (views.ts). */
async function expectedViews(user: User, apps: MessagingApp[]): Promise<Record<View, string[]>> {
  const expected: Record<View, string[]> = { unassigned: [], mine: [], others: [], snoozed: [], closed: [] };
  for (const app of apps) {
    const rows = await db.select().from(conversations).where(and(eq(conversations.appId, app.id), isNull(conversations.deletedAt)));
    for (const row of rows) expected[viewOf(row, user.id)].push(row.id);
  }
  return expected;
}

async function listedViews(user: User): Promise<Record<View, string[]>> {
  const entries = await Promise.all(
    VIEWS.map(async (view) => [view, (await listConversations(db, subjectOf(user), view, { limit: 500 })).rows.map((row) => row.id)] as const),
  );
  return Object.fromEntries(entries) as Record<View, string[]>;
}

/**
 * Ingest as a provider drives it: a failed delivery is sent again. An ingest racing a delete of
 * the same contact's conversation can fail once ("vanished inside its transaction", a known
 * race in ingest-events.ts) and then makes the new conversation on the retry.
 */
async function deliver(app: MessagingApp, event: MessageEvent) {
  try {
    return await ingestEvents(db, app, [event]);
  } catch {
    return ingestEvents(db, app, [event]);
  }
}

const sorted = (ids: string[]) => [...ids].sort();

describe("view counts", () => {
  it("stay exact through concurrent assigns, closes, deletes and ingest", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin", name: "Alice" });
    const bob = await createUser({ workspace, name: "Bob" });
    const messenger = await createApp({ installer: alice, provider: "messenger" });
    const whatsapp = await createApp({ installer: alice, provider: "whatsapp" });
    const apps = [messenger, whatsapp];
    const existing = await Promise.all(
      Array.from({ length: 24 }, (_, i) => createConversation({ app: apps[i % 2]!, status: i % 5 === 0 ? "closed" : "open" })),
    );

    // Several actors change the same conversations at once; ingest reopens closed ones and adds new ones.
    const actors = [alice, bob];
    await Promise.all(
      existing.flatMap((conversation, i) => {
        const actor = subjectOf(actors[i % 2]!);
        const other = actors[(i + 1) % 2]!;
        return [
          assignConversation(db, actor, { conversationId: conversation.id, assigneeId: other.id }),
          assignConversation(db, subjectOf(other), { conversationId: conversation.id, assigneeId: i % 3 === 0 ? null : other.id }),
          setConversationStatus(db, actor, { conversationId: conversation.id, status: i % 2 === 0 ? "closed" : "open" }),
          i % 7 === 3 ? deleteConversation(db, subjectOf(alice), conversation.id) : Promise.resolve(),
          deliver(apps[i % 2]!, inbound(conversation.externalContactId, `again ${i}`)),
          deliver(messenger, inbound(String(9_100_000_000_000_000 + i), `new ${i}`)),
        ];
      }),
    );

    for (const user of [alice, bob]) {
      const expected = await expectedViews(user, apps);
      const counts = await countViews(db, subjectOf(user));
      expect(counts).toEqual({
        unassigned: expected.unassigned.length,
        mine: expected.mine.length,
        others: expected.others.length,
        snoozed: expected.snoozed.length,
        closed: expected.closed.length,
      });
      const listed = await listedViews(user);
      for (const view of VIEWS) expect(sorted(listed[view])).toEqual(sorted(expected[view]));
      // The same per app (?app=), which takes the one-app path of the same queries.
      for (const app of apps) {
        const perApp = await expectedViews(user, [app]);
        expect(await countViews(db, subjectOf(user), app.id)).toEqual({
          unassigned: perApp.unassigned.length,
          mine: perApp.mine.length,
          others: perApp.others.length,
          snoozed: perApp.snoozed.length,
          closed: perApp.closed.length,
        });
      }
    }
  });

  it(`are exact up to ${COUNT_CAP} and shown as ${COUNT_CAP}+ above, also when no single app reaches the cap`, async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin" });
    const messenger = await createApp({ installer: alice, provider: "messenger" });
    const whatsapp = await createApp({ installer: alice, provider: "whatsapp" });
    const insert = (app: MessagingApp, from: number, n: number) =>
      db.insert(conversations).values(
        Array.from({ length: n }, (_, i) => ({
          workspaceId: workspace.id,
          appId: app.id,
          externalContactId: `cap-${app.id}-${from + i}`,
          contactName: `Contact ${from + i}`,
        })),
      );

    await insert(messenger, 0, 600);
    await insert(whatsapp, 0, COUNT_CAP - 600);
    let counts = await countViews(db, subjectOf(alice));
    expect(counts.unassigned).toBe(COUNT_CAP);
    expect(formatCount(counts.unassigned)).toBe(String(COUNT_CAP));

    await insert(whatsapp, COUNT_CAP - 600, 1);
    counts = await countViews(db, subjectOf(alice));
    expect(formatCount(counts.unassigned)).toBe(`${COUNT_CAP}+`);
    expect((await countViews(db, subjectOf(alice), messenger.id)).unassigned).toBe(600);
    expect(counts).toMatchObject({ mine: 0, others: 0, closed: 0 });
  });
});
