import { randomBytes } from "node:crypto";
import { and, asc, count, eq, or, sql } from "drizzle-orm";
import { getDb } from "@/db/index";
import { conversationActivities, jobs, notes, persons, deals, leads, type Conversation } from "@/db/schema";
import type { MessageEvent } from "@/lib/channels/types";
import { saveRecord } from "@/lib/crm/records";
import type { RecordType } from "@/lib/record-types";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import { createApp, createConversation, createUser, createWorkspace, subjectOf, type CreatedApp } from "@/tests/factories";
import { newPsid } from "@/tests/support/webhooks";
import { historyNoteJob } from "@/lib/crm/history-note-job";
import { drainJobs } from "@/tests/support/jobs";

/**
 * Acme: alice (admin, installed the Messenger app), bob (on its access list), carol (not on
 * it). Ann Contact's conversation is assigned to bob; the person "Ann Person" and the deal
 * "Ann's order" exist in Acme, unlinked. Other: olga and her own person.
 */
export async function buildCrmWorld() {
  const acme = await createWorkspace({ name: "Acme" });
  const alice = await createUser({ workspace: acme, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace: acme, name: "Bob" });
  const carol = await createUser({ workspace: acme, name: "Carol" });
  const app = await createApp({ installer: alice, provider: "messenger", name: "Acme Messenger", members: [bob] });
  const contact = newPsid();
  const conversation = await createConversation({ app, assignee: bob, contactName: "Ann Contact", externalContactId: contact });
  const db = await getDb();
  const person = await saveRecord(db, subjectOf(alice), "person", { name: "Ann Person", phones: [], emails: [] });
  const deal = await saveRecord(db, subjectOf(alice), "deal", { title: "Ann's order", value: "1200.00", currency: "EUR", stage: "qualified", personId: null });

  const other = await createWorkspace({ name: "Other" });
  const olga = await createUser({ workspace: other, role: "admin", name: "Olga" });
  const olgasPerson = await saveRecord(db, subjectOf(olga), "person", { name: "Olga's Person", phones: [], emails: [] });

  if (!person.ok || !deal.ok || !olgasPerson.ok) throw new Error("CRM world: a record could not be created");
  return {
    acme,
    alice,
    bob,
    carol,
    app,
    contact,
    conversation,
    personId: person.value.id,
    dealId: deal.value.id,
    other,
    olga,
    olgasPersonId: olgasPerson.value.id,
  };
}

export const drainHistoryNotes = () => drainJobs({ retryBaseMs: 0, queues: [historyNoteJob.queue] });

export function inboundEvent(contactId: string, text: string, occurredAt = new Date()): MessageEvent {
  return {
    kind: "message",
    direction: "inbound",
    contactId,
    contactName: null,
    providerMessageId: `m_${randomBytes(10).toString("hex")}`,
    text,
    attachments: [],
    occurredAt,
  };
}

/** One inbound message from the contact, stored as a webhook would store it. */
export async function receive(app: CreatedApp, contactId: string, text: string, occurredAt = new Date()) {
  const db = await getDb();
  await ingestEvents(db, app, [inboundEvent(contactId, text, occurredAt)]);
}

const recordColumn = { person: notes.personId, lead: notes.leadId, deal: notes.dealId };

/** The record's notes, oldest first. */
export async function notesOf(type: RecordType, recordId: string) {
  const db = await getDb();
  return db.select().from(notes).where(eq(recordColumn[type], recordId)).orderBy(asc(notes.createdAt), asc(notes.id));
}

export const textsOf = (note: { history: { entries: { text: string }[] } | null }) => note.history?.entries.map((entry) => entry.text) ?? [];

export async function historyNoteJobsFor(conversation: Pick<Conversation, "id">) {
  const db = await getDb();
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.queue, historyNoteJob.queue), sql`${jobs.payload}->>'conversationId' = ${conversation.id}`));
}

export async function linkActivitiesOf(conversation: Pick<Conversation, "id">) {
  const db = await getDb();
  return db
    .select()
    .from(conversationActivities)
    .where(
      and(
        eq(conversationActivities.conversationId, conversation.id),
        or(eq(conversationActivities.kind, "linked"), eq(conversationActivities.kind, "unlinked")),
      ),
    );
}

/** How many persons, leads and deals the workspace holds. */
export async function recordCounts(workspaceId: string) {
  const db = await getDb();
  const [[p], [l], [d]] = await Promise.all([
    db.select({ n: count() }).from(persons).where(eq(persons.workspaceId, workspaceId)),
    db.select({ n: count() }).from(leads).where(eq(leads.workspaceId, workspaceId)),
    db.select({ n: count() }).from(deals).where(eq(deals.workspaceId, workspaceId)),
  ]);
  return { persons: p!.n, leads: l!.n, deals: d!.n };
}
