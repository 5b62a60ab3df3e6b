import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { notes } from "@/db/schema";
import { listNotes, NOTES_PAGE_SIZE } from "@/lib/crm/notes";
import { encodeCursor } from "@/lib/keyset-cursor";
import { subjectOf } from "@/tests/factories";
import { buildCrmWorld } from "./world";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** Issue 9: a record's notes feed is read a page at a time ("Show older notes"), never all at once. */

/** `count` notes on the person, the i-th changed i seconds after a base time; some share a millisecond. */
async function notesOnPerson(workspaceId: string, personId: string, authorId: string, count: number) {
  const base = Date.parse("2026-03-01T10:00:00.000Z");
  const rows = await db
    .insert(notes)
    .values(Array.from({ length: count }, (_, i) => ({ workspaceId, personId, authorId, body: `note ${i}` })))
    .returning({ id: notes.id, body: notes.body });
  for (const row of rows) {
    const i = Number(row.body.split(" ")[1]);
    // Notes 25-28 fall within one millisecond, microseconds apart, right across the first page's
    // edge (the 19th to 22nd newest): the edge must neither split nor lose them.
    const at = i >= 25 && i <= 28 ? `2026-03-01T10:00:25.500${i}Z` : new Date(base + i * 1000).toISOString();
    await db.update(notes).set({ updatedAt: sql`${at}::timestamptz` }).where(eq(notes.id, row.id));
  }
}

describe("the notes feed, page by page", () => {
  it(`shows the newest ${NOTES_PAGE_SIZE}, then older pages until every note was shown once`, async () => {
    const { alice, acme, personId } = await buildCrmWorld();
    await notesOnPerson(acme.id, personId, alice.id, 47);

    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listNotes>> = await listNotes(db, subjectOf(alice), "person", personId, cursor);
      pageSizes.push(page.notes.length);
      seen.push(...page.notes.map((note) => note.body));
      cursor = page.olderCursor;
    } while (cursor && pageSizes.length < 10);

    expect(pageSizes).toEqual([20, 20, 7]);
    expect(new Set(seen).size).toBe(47);
    expect(seen.slice(0, 3)).toEqual(["note 46", "note 45", "note 44"]);
    expect(seen.slice(-2)).toEqual(["note 1", "note 0"]);
    expect([...seen].sort()).toEqual(Array.from({ length: 47 }, (_, i) => `note ${i}`).sort());
  });

  it("has no older page when everything fits", async () => {
    const { alice, acme, personId } = await buildCrmWorld();
    await notesOnPerson(acme.id, personId, alice.id, NOTES_PAGE_SIZE);

    const page = await listNotes(db, subjectOf(alice), "person", personId);

    expect(page.notes).toHaveLength(NOTES_PAGE_SIZE);
    expect(page.olderCursor).toBeNull();
  });

  it.each([["a malformed cursor", "not-a-cursor"], ["a cursor of another format", encodeCursor({ lastActivityAt: new Date("2026-03-01T10:00:30.000Z"), id: "not-a-uuid" })]])(
    "shows the first page for %s",
    async (_, cursor) => {
      const { alice, acme, personId } = await buildCrmWorld();
      await notesOnPerson(acme.id, personId, alice.id, 25);

      const page = await listNotes(db, subjectOf(alice), "person", personId, cursor);

      expect(page.notes[0]!.body).toBe("note 24");
      expect(page.notes).toHaveLength(NOTES_PAGE_SIZE);
    },
  );

  it("shows another workspace nothing, whatever the cursor", async () => {
    const { alice, acme, olga, personId } = await buildCrmWorld();
    await notesOnPerson(acme.id, personId, alice.id, 25);
    const first = await listNotes(db, subjectOf(alice), "person", personId);

    expect(await listNotes(db, subjectOf(olga), "person", personId)).toEqual({ notes: [], olderCursor: null });
    expect(await listNotes(db, subjectOf(olga), "person", personId, first.olderCursor)).toEqual({ notes: [], olderCursor: null });
  });
});
