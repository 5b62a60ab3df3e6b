import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { createAndLinkRecord, getConversationLinks, linkRecord, listLinkedConversations, unlinkRecord } from "@/lib/crm/links";
import { deleteRecord, getPerson, searchRecords } from "@/lib/crm/records";
import { personSchema } from "@/lib/crm/schemas";
import { subjectOf } from "@/tests/factories";
import { buildCrmWorld, drainHistoryNotes, historyNoteJobsFor, linkActivitiesOf, notesOf, recordCounts } from "./world";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** Spec §7 linking: at most one record of each type, only within the workspace, only with access. */

const nothingLinked = { person: null, lead: null, deal: null };

describe("linking a conversation to CRM records", () => {
  it("links a person and a deal, with an activity line each, and lists the conversation on them", async () => {
    const { alice, bob, conversation, personId, dealId } = await buildCrmWorld();

    expect(await linkRecord(db, subjectOf(bob), { conversationId: conversation.id, type: "person", recordId: personId })).toEqual({
      ok: true,
      value: { id: personId, type: "person", label: "Ann Person" },
    });
    expect(await linkRecord(db, subjectOf(bob), { conversationId: conversation.id, type: "deal", recordId: dealId })).toMatchObject({ ok: true });

    expect(await getConversationLinks(db, subjectOf(alice), conversation.id)).toEqual({
      person: { id: personId, type: "person", label: "Ann Person" },
      lead: null,
      deal: { id: dealId, type: "deal", label: "Ann's order" },
    });
    expect((await linkActivitiesOf(conversation)).map((line) => [line.kind, line.actorId, line.detail])).toEqual(
      expect.arrayContaining([
        ["linked", bob.id, { record: "Ann Person", recordType: "person" }],
        ["linked", bob.id, { record: "Ann's order", recordType: "deal" }],
      ]),
    );
    expect(await listLinkedConversations(db, subjectOf(alice), "person", personId)).toEqual([
      { id: conversation.id, contactName: "Ann Contact", appName: "Acme Messenger", status: "open" },
    ]);
  });

  it("refuses a record of another workspace and links nothing", async () => {
    const { alice, conversation, olgasPersonId } = await buildCrmWorld();

    const result = await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: olgasPersonId });

    expect(result).toEqual({ ok: false, reason: "record_not_found" });
    expect(await getConversationLinks(db, subjectOf(alice), conversation.id)).toEqual(nothingLinked);
    expect(await historyNoteJobsFor(conversation)).toEqual([]);
    expect(await linkActivitiesOf(conversation)).toEqual([]);
    await drainHistoryNotes();
    expect(await notesOf("person", olgasPersonId)).toEqual([]);
  });

  it("refuses a deleted record and a record id that is no uuid", async () => {
    const { alice, conversation, personId } = await buildCrmWorld();
    expect(await deleteRecord(db, subjectOf(alice), "person", personId)).toEqual({ ok: true, value: { id: personId } });

    expect(await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId })).toEqual({
      ok: false,
      reason: "record_not_found",
    });
    expect(await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: "'; drop table persons; --" })).toEqual({
      ok: false,
      reason: "record_not_found",
    });
    expect(await getConversationLinks(db, subjectOf(alice), conversation.id)).toEqual(nothingLinked);
  });

  it("does not let a user without access to the conversation's app link it", async () => {
    const { carol, olga, conversation, personId } = await buildCrmWorld();

    expect(await linkRecord(db, subjectOf(carol), { conversationId: conversation.id, type: "person", recordId: personId })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await linkRecord(db, subjectOf(olga), { conversationId: conversation.id, type: "person", recordId: personId })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await getConversationLinks(db, subjectOf(carol), conversation.id)).toEqual(nothingLinked);
    expect(await historyNoteJobsFor(conversation)).toEqual([]);
    expect(await listLinkedConversations(db, subjectOf(carol), "person", personId)).toEqual([]);
  });

  it("refuses a second person while one is linked, and keeps the first", async () => {
    const { alice, acme, conversation, personId } = await buildCrmWorld();
    const second = await createAndLinkRecord(db, subjectOf(alice), conversation.id, {
      type: "person",
      input: personSchema.parse({ name: "Somebody else" }),
    });
    expect(second).toMatchObject({ ok: true });
    const secondId = second.ok ? second.value.id : "";
    expect(await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: secondId })).toEqual({
      ok: false,
      reason: "already_in_state",
    });

    expect(await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId })).toEqual({
      ok: false,
      reason: "already_linked",
    });
    expect((await getConversationLinks(db, subjectOf(alice), conversation.id)).person).toEqual({ id: secondId, type: "person", label: "Somebody else" });
    expect((await linkActivitiesOf(conversation)).filter((line) => line.kind === "linked")).toHaveLength(1);
    expect((await recordCounts(acme.id)).persons).toBe(2);
  });

  it("unlinks explicitly and keeps the notes already written", async () => {
    const { alice, conversation, personId } = await buildCrmWorld();
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId });
    await drainHistoryNotes();

    expect(await unlinkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person" })).toEqual({ ok: true, value: null });
    expect(await unlinkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person" })).toEqual({ ok: false, reason: "already_in_state" });

    expect(await getConversationLinks(db, subjectOf(alice), conversation.id)).toEqual(nothingLinked);
    expect(await notesOf("person", personId)).toHaveLength(1);
    expect((await linkActivitiesOf(conversation)).map((line) => line.kind).sort()).toEqual(["linked", "unlinked"]);
  });
});

describe("creating a record from the conversation", () => {
  it("creates and links a person, and queues its history note", async () => {
    const { bob, acme, conversation } = await buildCrmWorld();
    const result = await createAndLinkRecord(db, subjectOf(bob), conversation.id, {
      type: "person",
      input: personSchema.parse({ name: "Ann Contact", phones: "+420 601 234 567" }),
    });

    expect(result).toMatchObject({ ok: true, value: { type: "person", label: "Ann Contact" } });
    const id = result.ok ? result.value.id : "";
    expect(await getPerson(await getDb(), subjectOf(bob), id)).toMatchObject({ phones: ["+420 601 234 567"] });
    expect((await recordCounts(acme.id)).persons).toBe(2);
    await drainHistoryNotes();
    expect(await notesOf("person", id)).toHaveLength(1);
  });

  it("leaves no orphan record when the conversation already has a record of that type", async () => {
    const { alice, acme, conversation, personId, dealId } = await buildCrmWorld();
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "person", recordId: personId });
    await linkRecord(db, subjectOf(alice), { conversationId: conversation.id, type: "deal", recordId: dealId });
    const before = await recordCounts(acme.id);

    expect(
      await createAndLinkRecord(db, subjectOf(alice), conversation.id, { type: "person", input: personSchema.parse({ name: "Orphan?" }) }),
    ).toEqual({ ok: false, reason: "already_linked" });
    expect(
      await createAndLinkRecord(db, subjectOf(alice), conversation.id, {
        type: "deal",
        input: { title: "Orphan deal?", value: "10", currency: "EUR", stage: "qualified", personId: null },
      }),
    ).toEqual({ ok: false, reason: "already_linked" });

    expect(await recordCounts(acme.id)).toEqual(before);
    expect((await getConversationLinks(db, subjectOf(alice), conversation.id)).person).toMatchObject({ id: personId });
  });

  it("leaves no orphan record when the user has no access to the conversation", async () => {
    const { carol, acme, conversation } = await buildCrmWorld();
    const before = await recordCounts(acme.id);

    expect(
      await createAndLinkRecord(db, subjectOf(carol), conversation.id, { type: "person", input: personSchema.parse({ name: "Orphan?" }) }),
    ).toEqual({ ok: false, reason: "not_found" });

    expect(await recordCounts(acme.id)).toEqual(before);
  });

  it("leaves no orphan record when the lead or deal names a person of another workspace", async () => {
    const { alice, acme, conversation, olgasPersonId } = await buildCrmWorld();
    const before = await recordCounts(acme.id);

    expect(
      await createAndLinkRecord(db, subjectOf(alice), conversation.id, { type: "lead", input: { title: "Lead", personId: olgasPersonId } }),
    ).toEqual({ ok: false, reason: "invalid_person" });
    expect(
      await createAndLinkRecord(db, subjectOf(alice), conversation.id, {
        type: "deal",
        input: { title: "Deal", value: "5", currency: "CZK", stage: "won", personId: olgasPersonId },
      }),
    ).toEqual({ ok: false, reason: "invalid_person" });

    expect(await recordCounts(acme.id)).toEqual(before);
    expect(await getConversationLinks(db, subjectOf(alice), conversation.id)).toEqual(nothingLinked);
  });

  it("stores an XSS payload in a name verbatim", async () => {
    const { alice, conversation } = await buildCrmWorld();
    const name = `<img src=x onerror="alert('xss')">Ann</script>`;

    const result = await createAndLinkRecord(db, subjectOf(alice), conversation.id, { type: "person", input: personSchema.parse({ name }) });

    expect(result).toMatchObject({ ok: true, value: { label: name } });
    expect((await getConversationLinks(db, subjectOf(alice), conversation.id)).person?.label).toBe(name);
    expect((await searchRecords(db, subjectOf(alice), "person", "onerror")).map((record) => record.label)).toEqual([name]);
    await drainHistoryNotes();
    const [activity] = await linkActivitiesOf(conversation);
    expect(activity!.detail).toEqual({ record: name, recordType: "person" });
  });
});
