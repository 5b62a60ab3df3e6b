import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversationActivities } from "@/db/schema";
import { loadThreadPage } from "@/lib/inbox/queries";
import { MAX_ACTIVITY_LINES_PER_PAGE } from "@/lib/inbox/thread-activity-bound";
import { decodeCursor } from "@/lib/keyset-cursor";
import { createApp, createConversation, createMessage } from "@/tests/factories";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** Issue 9: a thread page carries the activity lines of its own time span, and a bounded number of them. */

const T0 = Date.parse("2026-02-01T09:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);

async function threadWithFlood(activityCount: number) {
  const app = await createApp({ provider: "whatsapp" });
  const conversation = await createConversation({ app });
  await createMessage({ conversation, text: "first", occurredAt: at(0) });
  // Assigned back and forth, once a second, between the first message and the next.
  await db.insert(conversationActivities).values(
    Array.from({ length: activityCount }, (_, i) => ({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      kind: i % 2 === 0 ? ("assigned" as const) : ("unassigned" as const),
      detail: { n: String(i) },
      occurredAt: at(1 + i),
    })),
  );
  await createMessage({ conversation, text: "second", occurredAt: at(activityCount + 50) });
  await createMessage({ conversation, text: "third", occurredAt: at(activityCount + 51) });
  return conversation;
}

async function allPages(conversationId: string) {
  const pages = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof loadThreadPage>> = await loadThreadPage(db, conversationId, decodeCursor(cursor));
    pages.push(page);
    cursor = page.olderCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

describe("a thread page's activity lines", () => {
  it(`are at most ${MAX_ACTIVITY_LINES_PER_PAGE} a page, and scrolling back shows every line and message exactly once, in order`, async () => {
    const conversation = await threadWithFlood(250);

    const pages = await allPages(conversation.id);

    expect(pages.map((page) => page.activities.length)).toEqual([100, 100, 50]);
    expect(pages.map((page) => page.messages.map((message) => message.text))).toEqual([["second", "third"], [], ["first"]]);
    const lines = pages.toReversed().flatMap((page) => page.activities.map((activity) => Number(activity.detail!.n)));
    expect(lines).toEqual(Array.from({ length: 250 }, (_, i) => i));
    // Each page holds only lines within its own span: none older than its cut.
    for (const page of pages) {
      const times = page.activities.map((activity) => activity.occurredAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it("a quiet thread shows all its lines on one page, as before", async () => {
    const conversation = await threadWithFlood(3);

    const pages = await allPages(conversation.id);

    expect(pages).toHaveLength(1);
    expect(pages[0]!.activities).toHaveLength(3);
    expect(pages[0]!.messages.map((message) => message.text)).toEqual(["first", "second", "third"]);
  });

  it("lines sharing the page edge's millisecond move to the next page together", async () => {
    const app = await createApp({ provider: "whatsapp" });
    const conversation = await createConversation({ app });
    // 99 lines a second apart, then 5 within one millisecond just before them: the 100th and 101st newest share it.
    await db.insert(conversationActivities).values([
      ...Array.from({ length: 5 }, (_, i) => ({
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        kind: "assigned" as const,
        detail: { n: `same-${i}` },
        occurredAt: at(0.5),
      })),
      ...Array.from({ length: 99 }, (_, i) => ({
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        kind: "unassigned" as const,
        detail: { n: `line-${i}` },
        occurredAt: at(1 + i),
      })),
    ]);
    await createMessage({ conversation, text: "latest", occurredAt: at(200) });

    const pages = await allPages(conversation.id);

    expect(pages.map((page) => page.activities.length)).toEqual([99, 5]);
    expect(pages[1]!.activities.every((activity) => activity.detail!.n.startsWith("same-"))).toBe(true);
  });
});
