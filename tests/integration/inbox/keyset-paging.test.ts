import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import type { User } from "@/db/schema";
import { listConversations, PAGE_SIZE } from "@/lib/inbox/queries";
import type { View } from "@/lib/views";
import { decodeCursor, encodeCursor, type Cursor } from "@/lib/keyset-cursor";
import { createApp, createConversation, createUser, subjectOf, type CreatedApp } from "@/tests/factories";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

const base = Date.parse("2026-03-01T12:00:00.000Z");
const at = (minutes: number) => new Date(base + minutes * 60_000);

async function inbox() {
  const alice = await createUser({ role: "admin" });
  const app = await createApp({ installer: alice });
  return { alice, app };
}

/** Walks a view page by page; `between` runs after each page, before the next is fetched. */
async function walk(user: User, view: View, limit: number, between: (page: number) => Promise<void> = async () => {}) {
  const seen: string[] = [];
  let after: Cursor | null = null;
  for (let page = 1; page < 100; page += 1) {
    const result = await listConversations(db, subjectOf(user), view, { after, limit });
    seen.push(...result.rows.map((row) => row.id));
    if (!result.nextCursor) return seen;
    await between(page);
    after = decodeCursor(result.nextCursor);
    expect(after).not.toBeNull();
  }
  throw new Error("paging did not end");
}

async function createMany(app: CreatedApp, minutes: number[]) {
  const rows = [];
  for (const minute of minutes) rows.push(await createConversation({ app, lastActivityAt: at(minute) }));
  return rows;
}

/** Newest activity first, then the larger id first, as the view orders them. */
function newestFirst(rows: { id: string; lastActivityAt: Date }[]): string[] {
  return [...rows]
    .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((row) => row.id);
}

describe("keyset paging of a view", () => {
  it("pages through every row once, newest first", async () => {
    const { alice, app } = await inbox();
    const rows = await createMany(app, [5, 1, 9, 3, 7, 2, 8]);

    expect(await walk(alice, "unassigned", 3)).toEqual(newestFirst(rows));
  });

  it("uses full pages of the default size and ends without a cursor", async () => {
    const { alice, app } = await inbox();
    await createMany(app, Array.from({ length: PAGE_SIZE + 2 }, (_, i) => i));

    const first = await listConversations(db, subjectOf(alice), "unassigned");
    const second = await listConversations(db, subjectOf(alice), "unassigned", { after: decodeCursor(first.nextCursor) });
    expect([first.rows.length, second.rows.length, second.nextCursor]).toEqual([PAGE_SIZE, 2, null]);
  });

  it("neither repeats nor skips a row when newer conversations arrive between pages", async () => {
    const { alice, app } = await inbox();
    const rows = await createMany(app, [10, 20, 30, 40, 50, 60, 70, 80]);
    const arrivals: unknown[] = [];

    const seen = await walk(alice, "unassigned", 3, async (page) => {
      // Newer than everything: it belongs at the top of page 1, which the reader has passed.
      arrivals.push(await createConversation({ app, lastActivityAt: at(1000 + page) }));
    });

    expect(arrivals).toHaveLength(2);
    expect(seen).toEqual(newestFirst(rows));
  });

  it("neither repeats nor skips a row when many rows share one activity time", async () => {
    const { alice, app } = await inbox();
    const rows = await createMany(app, [5, 5, 5, 5, 5, 5, 5, 4, 6]);

    for (const limit of [1, 2, 3, 4]) {
      expect(await walk(alice, "unassigned", limit)).toEqual(newestFirst(rows));
    }
  });

  it("keeps every earlier row when a conversation with the boundary's activity time arrives between pages", async () => {
    const { alice, app } = await inbox();
    const rows = await createMany(app, [5, 5, 5, 5, 5, 5]);
    const arrivals: { id: string; lastActivityAt: Date }[] = [];

    const seen = await walk(alice, "unassigned", 2, async () => {
      arrivals.push(await createConversation({ app, lastActivityAt: at(5) }));
    });

    const original = newestFirst(rows);
    expect(seen.filter((id) => original.includes(id))).toEqual(original);
    expect(new Set(seen).size).toBe(seen.length);
    // An arrival sorts by its random id: it shows up later in this walk only if it sorts below the boundary.
    for (const id of seen.filter((id) => !original.includes(id))) expect(arrivals.map((row) => row.id)).toContain(id);
  });

  it("treats a malformed cursor as the first page", async () => {
    const { alice, app } = await inbox();
    await createMany(app, [1, 2, 3, 4]);
    const firstPage = await listConversations(db, subjectOf(alice), "unassigned", { limit: 2 });

    for (const malformed of ["garbage", "", "%%%", encodeCursor({ lastActivityAt: at(0), id: "x" }), "a".repeat(500)]) {
      const page = await listConversations(db, subjectOf(alice), "unassigned", { limit: 2, after: decodeCursor(malformed) });
      expect(page).toEqual(firstPage);
    }
  });

  it("continues from a cursor whose row has since left the view", async () => {
    const { alice, app } = await inbox();
    const rows = await createMany(app, [1, 2, 3, 4, 5]);
    const cursor = encodeCursor({ lastActivityAt: at(3), id: "00000000-0000-4000-8000-000000000000" });

    const page = await listConversations(db, subjectOf(alice), "unassigned", { after: decodeCursor(cursor) });
    expect(page.rows.map((row) => row.id)).toEqual(newestFirst(rows.filter((row) => row.lastActivityAt < at(3))));
  });
});
