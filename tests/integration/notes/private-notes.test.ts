import { and, eq, inArray } from "drizzle-orm";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversationActivities, jobs, messages, notificationDeliveries, notes, outboxEmails, users, type User } from "@/db/schema";
import { createAndLinkRecord } from "@/lib/crm/links";
import { addNote } from "@/lib/notes/add-note";
import { NOTE_MAX_CHARS, readNoteDetail } from "@/db/note-detail";
import { savePreferences } from "@/lib/notifications/preferences";
import { DEFAULT_PREFERENCES } from "@/lib/notifications/events";
import { loadThreadPage } from "@/lib/inbox/queries";
import { createApp, createConversation, createMessage, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import { notifyMentionJob } from "@/lib/notifications/notify-mention-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

const savedEnv: Record<string, string | undefined> = {};
beforeAll(() => {
  for (const name of ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "RESEND_API_KEY"]) savedEnv[name] = process.env[name];
  // Desktop delivery runs too (to no browser); fixed keys keep it from writing .data/vapid.json.
  const vapid = webpush.generateVAPIDKeys();
  process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
  // Emails go to the local outbox, where the test reads them.
  delete process.env.RESEND_API_KEY;
});
afterAll(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Acme: Alice (admin, installer), Bob and Dana on the app's access list, Carol without access, Eve deactivated. */
async function acme() {
  const workspace = await createWorkspace({ name: "Acme" });
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace, name: "Bob", locale: "cs" });
  const dana = await createUser({ workspace, name: "Dana" });
  const carol = await createUser({ workspace, name: "Carol" });
  const eve = await createUser({ workspace, name: "Eve", isActive: false });
  const app = await createApp({ installer: alice, name: "Acme Messenger", members: [bob, dana, eve] });
  const conversation = await createConversation({ app, contactName: "Ann Contact" });
  return { workspace, alice, bob, dana, carol, eve, app, conversation };
}

async function write(author: User, conversationId: string, text: string, mentioned: User[] = []) {
  return db.transaction((tx) => addNote(tx, subjectOf(author), { conversationId, text, mentionedUserIds: mentioned.map((user) => user.id) }));
}

const drain = () => drainJobs({ retryBaseMs: 0, queues: [notifyMentionJob.queue, "notify.message", "crm.history-note"] });

async function deliveriesOf(user: User) {
  const rows = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.userId, user.id));
  return rows.map((row) => `${row.event}:${row.channel}:${row.status}`).sort();
}

async function emailsTo(user: User) {
  return (await getDb()).select().from(outboxEmails).where(eq(outboxEmails.to, user.email));
}

async function noteRows(conversationId: string) {
  return (await getDb())
    .select()
    .from(conversationActivities)
    .where(and(eq(conversationActivities.conversationId, conversationId), eq(conversationActivities.kind, "note")));
}

describe("private notes (spec §13)", () => {
  it("sit in the thread with author and mentions, and are neither messages nor send jobs", async () => {
    const { alice, bob, conversation } = await acme();

    const result = await write(alice, conversation.id, "  @Bob can you call Ann back?  ", [bob]);

    expect(result.ok).toBe(true);
    const thread = await loadThreadPage(db, conversation.id);
    const note = thread.activities.find((activity) => activity.kind === "note");
    expect(note).toMatchObject({ actorName: "Alice" });
    expect(readNoteDetail(note!.detail)).toEqual({ text: "@Bob can you call Ann back?", mentions: [{ id: bob.id, name: "Bob" }] });
    expect(await db.select().from(messages).where(eq(messages.conversationId, conversation.id))).toEqual([]);
    expect((await db.select().from(jobs).where(eq(jobs.queue, "reply.send"))).filter((job) => JSON.stringify(job.payload).includes(conversation.id))).toEqual([]);
  });

  it("never reach the linked CRM record's history notes", async () => {
    const { alice, conversation, workspace } = await acme();
    await createMessage({ conversation, text: "Hello, what does it cost?" });
    await write(alice, conversation.id, "Internal: she is price sensitive");

    const linked = await createAndLinkRecord(db, subjectOf(alice), conversation.id, {
      type: "person",
      input: { name: "Ann Contact", phones: [], emails: [] },
    });
    expect(linked.ok).toBe(true);
    await drain();

    const written = JSON.stringify(await (await getDb()).select().from(notes).where(eq(notes.workspaceId, workspace.id)));
    // The history note exists and holds the customer's message: only the private note is missing.
    expect(written).toContain("Hello, what does it cost?");
    expect(written).not.toContain("price sensitive");
  });

  it("notify each mentioned teammate on desktop and by email in their language, and nobody else", async () => {
    const { alice, bob, dana, carol, conversation } = await acme();

    expect((await write(alice, conversation.id, "@Bob @Dana please look", [bob, dana])).ok).toBe(true);
    await drain();

    const bobs = await deliveriesOf(bob);
    expect(bobs).toContain("note.mentioned:email:sent");
    expect(bobs.some((line) => line.startsWith("note.mentioned:desktop:"))).toBe(true);
    expect((await emailsTo(bob)).map((email) => email.subject)).toEqual(["Alice: zmínka o vás v poznámce ke konverzaci s Ann Contact"]);
    expect((await emailsTo(dana)).map((email) => email.subject)).toEqual(["Alice mentioned you in a note about Ann Contact"]);
    expect((await emailsTo(dana))[0]!.text).toContain("@Bob @Dana please look");
    expect(await deliveriesOf(alice)).toEqual([]);
    expect(await deliveriesOf(carol)).toEqual([]);
  });

  it("send a retried mention job's notifications only once", async () => {
    const { alice, bob, conversation } = await acme();
    await write(alice, conversation.id, "@Bob once", [bob]);
    await drain();
    await db.update(jobs).set({ status: "queued", runAt: new Date(), finishedAt: null }).where(eq(jobs.queue, notifyMentionJob.queue));
    await drain();
    expect(await emailsTo(bob)).toHaveLength(1);
  });

  it("follow the mentioned teammate's choices: email off means desktop only", async () => {
    const { alice, bob, conversation } = await acme();
    await savePreferences(db, bob.id, { ...DEFAULT_PREFERENCES, "note.mentioned": { desktop: true, email: false } });

    await write(alice, conversation.id, "@Bob desktop only", [bob]);
    await drain();

    expect(await emailsTo(bob)).toEqual([]);
    expect((await deliveriesOf(bob)).some((line) => line.startsWith("note.mentioned:desktop:"))).toBe(true);
  });

  it("do not notify the author who mentions themself", async () => {
    const { alice, conversation } = await acme();
    await write(alice, conversation.id, "@Alice reminder", [alice]);
    await drain();
    expect(await deliveriesOf(alice)).toEqual([]);
  });
});

describe("refused notes change nothing", () => {
  it.each([
    ["an empty note", "   ", "empty_note"],
    ["a note over 10,000 characters", "x".repeat(NOTE_MAX_CHARS + 1), "note_too_long"],
  ])("refuses %s", async (_, text, reason) => {
    const { alice, conversation } = await acme();
    expect(await write(alice, conversation.id, text)).toMatchObject({ ok: false, reason });
    expect(await noteRows(conversation.id)).toEqual([]);
  });

  it("takes a note of exactly 10,000 characters, counting an emoji once", async () => {
    const { alice, conversation } = await acme();
    expect((await write(alice, conversation.id, "😀".repeat(NOTE_MAX_CHARS))).ok).toBe(true);
  });

  it("refuses a forged mention of a teammate without access to the app, and of a deactivated one", async () => {
    const { alice, carol, eve, conversation } = await acme();
    expect(await write(alice, conversation.id, "@Carol look", [carol])).toEqual({ ok: false, reason: "mention_not_allowed", params: { name: "Carol" } });
    expect(await write(alice, conversation.id, "@Eve look", [eve])).toEqual({ ok: false, reason: "mention_not_allowed", params: { name: "Eve" } });
    expect(await noteRows(conversation.id)).toEqual([]);
    expect(await (await getDb()).select().from(jobs).where(and(eq(jobs.queue, notifyMentionJob.queue), inArray(jobs.workspaceId, [conversation.workspaceId])))).toEqual([]);
  });

  it("refuses a mention of someone from another workspace without naming them", async () => {
    const { alice, conversation } = await acme();
    const dave = await createUser({ workspace: await createWorkspace(), name: "Dave" });
    expect(await write(alice, conversation.id, "@Dave", [dave])).toEqual({ ok: false, reason: "unknown_assignee" });
    expect(await noteRows(conversation.id)).toEqual([]);
  });

  it("refuses a conversation the author cannot reach", async () => {
    const { carol, conversation } = await acme();
    expect(await write(carol, conversation.id, "Hello")).toEqual({ ok: false, reason: "not_found" });
    expect(await noteRows(conversation.id)).toEqual([]);
  });

  it("notifies nobody who lost access between writing and the job", async () => {
    const { alice, bob, conversation } = await acme();
    await write(alice, conversation.id, "@Bob later", [bob]);
    await (await getDb()).update(users).set({ isActive: false }).where(eq(users.id, bob.id));
    await drain();
    expect(await deliveriesOf(bob)).toEqual([]);
  });
});
