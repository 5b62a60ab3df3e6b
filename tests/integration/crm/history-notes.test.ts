import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { jobs } from "@/db/schema";
import { linkRecord, unlinkRecord } from "@/lib/crm/links";
import { LINK_NOTE_MESSAGES } from "@/lib/crm/history-notes";
import { deleteNote, editNote, listNotes } from "@/lib/crm/notes";
import { deleteConversation } from "@/lib/inbox/delete-conversation";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import { createMessage, subjectOf } from "@/tests/factories";
import { buildCrmWorld, drainHistoryNotes, historyNoteJobsFor, inboundEvent, notesOf, receive, textsOf } from "./world";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** Spec §7: history notes on linked records, the 24-hour rule and the edited/deleted-note rule. */

const HOUR = 60 * 60 * 1000;

describe("history notes", () => {
  it("writes the same latest messages, assignment and link into a note on each linked record", async () => {
    const { alice, bob, conversation, personId, dealId } = await buildCrmWorld();
    const start = Date.now() - 2 * HOUR;
    for (let i = 1; i <= 25; i++) {
      const isReply = i % 5 === 0;
      await createMessage({
        conversation,
        direction: isReply ? "outbound" : "inbound",
        sender: isReply ? bob : null,
        text: `Message ${i}`,
        occurredAt: new Date(start + i * 60_000),
      });
    }

    expect(await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId })).toMatchObject({ ok: true });
    expect(await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "deal", recordId: dealId })).toMatchObject({ ok: true });
    await drainHistoryNotes();

    const [personNote, ...morePersonNotes] = await notesOf("person", personId);
    const [dealNote, ...moreDealNotes] = await notesOf("deal", dealId);
    expect(morePersonNotes).toEqual([]);
    expect(moreDealNotes).toEqual([]);
    const latest = Array.from({ length: LINK_NOTE_MESSAGES }, (_, i) => `Message ${i + 6}`);
    expect(textsOf(personNote!)).toEqual(latest);
    expect(dealNote!.history!.entries).toEqual(personNote!.history!.entries);
    expect(personNote!.history!.entries[0]).toMatchObject({ sender: "Ann Contact", direction: "inbound", at: new Date(start + 6 * 60_000).toISOString() });
    expect(personNote!.history!.entries.find((entry) => entry.text === "Message 10")).toMatchObject({ sender: "Bob", direction: "outbound" });
    for (const note of [personNote!, dealNote!]) {
      expect(note).toMatchObject({ kind: "history", conversationId: conversation.id, editedAt: null });
      expect(note.history).toMatchObject({
        conversationId: conversation.id,
        contactName: "Ann Contact",
        appName: "Acme Messenger",
        assigneeName: "Bob",
        status: "open",
      });
    }
  });

  it("puts 10 messages arriving at once into one note", async () => {
    const { alice, app, contact, conversation, personId, dealId } = await buildCrmWorld();
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId });
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "deal", recordId: dealId });
    await drainHistoryNotes();

    const t0 = Date.now();
    await Promise.all(Array.from({ length: 10 }, (_, i) => ingestEvents(db, app, [inboundEvent(contact, `Burst ${i + 1}`, new Date(t0 + i * 1000))])));
    await drainHistoryNotes();

    for (const [type, id] of [["person", personId], ["deal", dealId]] as const) {
      const [note, ...more] = await notesOf(type, id);
      expect(more, type).toEqual([]);
      expect(textsOf(note!)).toEqual(Array.from({ length: 10 }, (_, i) => `Burst ${i + 1}`));
    }
  });

  it("starts a second note for a message 25 hours after the note's start, and fills that one next", async () => {
    const { alice, app, contact, conversation, personId } = await buildCrmWorld();
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId });
    await drainHistoryNotes();
    const [linked] = await notesOf("person", personId);
    const start = linked!.windowStartAt!.getTime();

    await receive(app, contact, "An hour later", new Date(start + HOUR));
    await drainHistoryNotes();
    await receive(app, contact, "A day and an hour later", new Date(start + 25 * HOUR));
    await drainHistoryNotes();
    await receive(app, contact, "Another hour later", new Date(start + 26 * HOUR));
    await drainHistoryNotes();

    const [first, second, ...more] = await notesOf("person", personId);
    expect(more).toEqual([]);
    expect(textsOf(first!)).toEqual(["An hour later"]);
    expect(first!.windowStartAt!.getTime()).toBe(start);
    expect(textsOf(second!)).toEqual(["A day and an hour later", "Another hour later"]);
    expect(second!.windowStartAt!.getTime()).toBe(start + 25 * HOUR);
  });

  it("starts a new note after a user edited the current one, and never touches the edited one", async () => {
    const { alice, bob, app, contact, conversation, personId } = await buildCrmWorld();
    await receive(app, contact, "Before linking");
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId });
    await drainHistoryNotes();
    const [note] = await notesOf("person", personId);
    expect(await editNote(db, subjectOf(bob), { noteId: note!.id, body: "Ann wants the blue one. — Bob" })).toEqual({ ok: true, value: { id: note!.id } });
    const [edited] = await notesOf("person", personId);

    await receive(app, contact, "After the edit");
    await drainHistoryNotes();

    const [untouched, fresh, ...more] = await notesOf("person", personId);
    expect(more).toEqual([]);
    expect(untouched).toEqual(edited);
    expect(untouched).toMatchObject({ body: "Ann wants the blue one. — Bob", kind: "manual" });
    expect(untouched!.editedAt).not.toBeNull();
    expect(fresh).toMatchObject({ kind: "history", editedAt: null });
    expect(textsOf(fresh!)).toEqual(["After the edit"]);
  });

  it("starts a new note after a user deleted the current one", async () => {
    const { alice, app, contact, conversation, personId } = await buildCrmWorld();
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId });
    await drainHistoryNotes();
    await receive(app, contact, "Into the first note");
    await drainHistoryNotes();
    const [note] = await notesOf("person", personId);
    expect(textsOf(note!)).toEqual(["Into the first note"]);
    expect(await deleteNote(db, subjectOf(alice), note!.id)).toEqual({ ok: true, value: { id: note!.id } });

    const messageAt = new Date();
    await receive(app, contact, "After the deletion", messageAt);
    await drainHistoryNotes();

    const [fresh, ...more] = await notesOf("person", personId);
    expect(more).toEqual([]);
    expect(fresh!.id).not.toBe(note!.id);
    expect(textsOf(fresh!)).toEqual(["After the deletion"]);
    expect(fresh!.windowStartAt!.getTime()).toBe(messageAt.getTime());
  });

  it("starts a new note on relinking, whose window starts at the relink", async () => {
    const { alice, app, contact, conversation, personId } = await buildCrmWorld();
    await receive(app, contact, "Hello");
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId });
    await drainHistoryNotes();
    expect(await unlinkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person" })).toEqual({ ok: true, value: null });
    await receive(app, contact, "While unlinked");
    await drainHistoryNotes();
    expect((await notesOf("person", personId)).map(textsOf)).toEqual([["Hello"]]);

    const relinkedAt = Date.now();
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId });
    await drainHistoryNotes();
    await receive(app, contact, "After relinking");
    await drainHistoryNotes();

    const [first, second, ...more] = await notesOf("person", personId);
    expect(more).toEqual([]);
    expect(textsOf(first!)).toEqual(["Hello"]);
    expect(textsOf(second!)).toEqual(["Hello", "While unlinked", "After relinking"]);
    expect(second!.windowStartAt!.getTime()).toBeGreaterThanOrEqual(relinkedAt);
  });

  it("keeps one note when a message's job runs before the job of the link made just before it", async () => {
    const { alice, app, contact, conversation, personId } = await buildCrmWorld();
    await receive(app, contact, "Before linking");
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId });
    await receive(app, contact, "Right after linking");
    // Two workers (the loop runs two passes at once) take both jobs; the message's locks the link row first.
    const [linkJob] = (await historyNoteJobsFor(conversation)).filter((job) => job.payload.messageId === null);
    await db.update(jobs).set({ runAt: sql`now() + interval '1 hour'` }).where(eq(jobs.id, linkJob!.id));
    await drainHistoryNotes();
    await db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.id, linkJob!.id));
    await drainHistoryNotes();

    const [note, ...more] = await notesOf("person", personId);
    expect(more.map(textsOf)).toEqual([]);
    expect(textsOf(note!)).toEqual(["Before linking", "Right after linking"]);
  });

  it("keeps the notes when the conversation is deleted", async () => {
    const { alice, app, contact, conversation, personId, dealId } = await buildCrmWorld();
    await receive(app, contact, "Please keep this");
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId });
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "deal", recordId: dealId });
    await drainHistoryNotes();
    const before = [...(await notesOf("person", personId)), ...(await notesOf("deal", dealId))];
    expect(before).toHaveLength(2);

    expect(await deleteConversation(db, subjectOf(alice), conversation.id)).toEqual({ ok: true, value: { conversationId: conversation.id } });
    await drainHistoryNotes();

    expect([...(await notesOf("person", personId)), ...(await notesOf("deal", dealId))]).toEqual(before);
    const { notes: feed } = await listNotes(db, subjectOf(alice), "person", personId);
    expect(feed.map((note) => textsOf(note))).toEqual([["Please keep this"]]);
    expect(feed[0]!.history!.conversationId).toBe(conversation.id);
  });

  it("stores message text and contact names verbatim, markup included (React renders them as text)", async () => {
    const { alice, app, contact, conversation, personId } = await buildCrmWorld();
    const payload = `<img src=x onerror="alert('xss')"><script>alert(1)</script>`;
    await ingestEvents(db, app, [{ ...inboundEvent(contact, payload), contactName: `Ann <b onmouseover=alert(2)>` }]);
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId });
    await drainHistoryNotes();

    const [note] = await notesOf("person", personId);
    expect(textsOf(note!)).toEqual([payload]);
    expect(note!.history!.contactName).toBe("Ann <b onmouseover=alert(2)>");
    expect(note!.body).toBe("");
  });
});
