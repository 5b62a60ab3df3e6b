import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { jobs, users, type User } from "@/db/schema";
import type { MessageEvent } from "@/lib/channels/types";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import { DEFAULT_PREFERENCES } from "@/lib/notifications/events";
import { savePreferences } from "@/lib/notifications/preferences";
import { createApp, createConversation, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import { startResendStandIn, type ResendStandIn } from "@/tests/stand-ins/resend";
import { newPsid } from "@/tests/support/webhooks";
import { EMAIL_WINDOW_MS, sendEmailDigestJob } from "@/lib/notifications/email-digest";
import { notifyAssignmentJob } from "@/lib/notifications/notify-assignment-job";
import { notifyMessageJob } from "@/lib/notifications/notify-message-job";
import { notifyTestJob } from "@/lib/notifications/notify-test-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/**
 * Spec §6 email notifications through a local Resend API: coalescing (at most one email per
 * user per conversation per 5 minutes), preferences, and the recipient's language.
 */

const NOTIFICATION_QUEUES = [notifyMessageJob.queue, notifyAssignmentJob.queue, sendEmailDigestJob.queue, notifyTestJob.queue];
const drain = () => drainJobs({ retryBaseMs: 0, queues: NOTIFICATION_QUEUES });

let resend: ResendStandIn;
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const name of ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "EMAIL_FROM"]) savedEnv[name] = process.env[name];
  // Desktop delivery runs too (to no browser); fixed keys keep it from writing .data/vapid.json.
  const vapid = webpush.generateVAPIDKeys();
  process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
  process.env.EMAIL_FROM = "Switchboard <notify@switchboard.test>";
  resend = await startResendStandIn();
});

afterAll(async () => {
  await resend.close();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const inbound = (contactId: string, text: string, occurredAt = new Date()): MessageEvent => ({
  kind: "message",
  direction: "inbound",
  contactId,
  contactName: null,
  providerMessageId: `m_${randomBytes(10).toString("hex")}`,
  text,
  attachments: [],
  occurredAt,
});

/** Ann Contact writes to Acme Messenger; her conversation is assigned to bob. */
async function acme(options: { bobLocale?: string } = {}) {
  const workspace = await createWorkspace({ name: "Acme" });
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace, name: "Bob", locale: options.bobLocale ?? null });
  const carol = await createUser({ workspace, name: "Carol" });
  const app = await createApp({ installer: alice, provider: "messenger", name: "Acme Messenger", members: [bob, carol] });
  const contact = newPsid();
  const conversation = await createConversation({ app, assignee: bob, contactName: "Ann Contact", externalContactId: contact });
  return { workspace, alice, bob, carol, app, contact, conversation };
}

const emailsTo = (user: User) => resend.emails.filter((email) => [email.to].flat().includes(user.email));

async function digestJobs(userId: string, conversationId: string) {
  return db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.queue, sendEmailDigestJob.queue),
        sql`${jobs.payload}->>'userId' = ${userId}`,
        sql`${jobs.payload}->>'conversationId' = ${conversationId}`,
      ),
    )
    .orderBy(jobs.createdAt);
}

describe("email notifications", () => {
  it("coalesces 5 messages within a minute into 1 email now and 1 listing the rest after the window", async () => {
    const { bob, carol, app, contact, conversation } = await acme();
    const t0 = Date.now();

    // A live worker runs between messages: each one's job has run before the next arrives.
    for (let i = 1; i <= 5; i++) {
      await ingestEvents(db, app, [inbound(contact, `Message number ${i}`, new Date(t0 + (i - 1) * 12_000))]);
      await drain();
    }

    expect(emailsTo(bob)).toHaveLength(1);
    const [first] = emailsTo(bob);
    expect(first!.from).toBe("Switchboard <notify@switchboard.test>");
    expect(first!.subject).toBe("New message from Ann Contact");
    expect(first!.text).toContain("Message number 1");
    expect(first!.text).not.toContain("Message number 2");
    expect(first!.text).toContain(`/messaging/c/${conversation.id}`);
    expect(first!.html).toContain("Message number 1");
    expect(first!.headers["idempotency-key"]).toEqual(expect.any(String));

    // The rest wait for the window's end, in one job.
    const pending = (await digestJobs(bob.id, conversation.id)).filter((job) => job.status === "queued");
    expect(pending).toHaveLength(1);
    const waitMs = pending[0]!.runAt.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(EMAIL_WINDOW_MS - 60_000);
    expect(waitMs).toBeLessThanOrEqual(EMAIL_WINDOW_MS);

    // Five minutes pass.
    await db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.id, pending[0]!.id));
    await drain();

    expect(emailsTo(bob)).toHaveLength(2);
    const second = emailsTo(bob)[1]!;
    expect(second.subject).toBe("4 new messages from Ann Contact");
    for (let i = 2; i <= 5; i++) expect(second.text).toContain(`Message number ${i}`);
    expect(second.text).not.toContain("Message number 1");
    expect(second.headers["idempotency-key"]).not.toBe(first!.headers["idempotency-key"]);
    // Carol's defaults don't email her about bob's conversations.
    expect(emailsTo(carol)).toEqual([]);

    // A sixth message right after the second email waits for the next window.
    await ingestEvents(db, app, [inbound(contact, "Message number 6")]);
    await drain();
    expect(emailsTo(bob)).toHaveLength(2);
    expect((await digestJobs(bob.id, conversation.id)).filter((job) => job.status === "queued")).toHaveLength(1);
  });

  it("lists every message of a burst in one email when they all arrived before the worker ran", async () => {
    const { bob, app, contact } = await acme();
    await Promise.all(Array.from({ length: 5 }, (_, i) => ingestEvents(db, app, [inbound(contact, `Burst ${i + 1}`)])));
    await drain();

    expect(emailsTo(bob)).toHaveLength(1);
    expect(emailsTo(bob)[0]!.subject).toBe("5 new messages from Ann Contact");
    for (let i = 1; i <= 5; i++) expect(emailsTo(bob)[0]!.text).toContain(`Burst ${i}`);
  });

  it("sends nothing when bob turned email off for his conversations", async () => {
    const { bob, app, contact, conversation } = await acme();
    await savePreferences(db, bob.id, { ...DEFAULT_PREFERENCES, "message.assigned_to_me": { desktop: true, email: false } });

    for (let i = 1; i <= 3; i++) {
      await ingestEvents(db, app, [inbound(contact, `Quiet ${i}`)]);
      await drain();
    }

    expect(emailsTo(bob)).toEqual([]);
    expect(await digestJobs(bob.id, conversation.id)).toEqual([]);
  });

  it("writes the email in the recipient's language", async () => {
    const { bob, app, contact } = await acme({ bobLocale: "cs" });

    await ingestEvents(db, app, [inbound(contact, "Dobrý den")]);
    await drain();

    const [email] = emailsTo(bob);
    expect(email!.subject).toBe("Nová zpráva od Ann Contact");
    expect(email!.html).toContain("Ann Contact píše do Acme Messenger");
    expect(email!.html).toContain("Otevřít konverzaci");
    expect(email!.html).toContain("Dobrý den");
    expect(email!.text).toContain("Tento e-mail dostáváte kvůli svému nastavení upozornění");
  });

  it("follows a language change made between two emails", async () => {
    const { bob, app, contact } = await acme();
    await ingestEvents(db, app, [inbound(contact, "Hello")]);
    await drain();
    await db.update(users).set({ locale: "cs" }).where(eq(users.id, bob.id));
    await ingestEvents(db, app, [inbound(contact, "Jste tam?")]);
    await ingestEvents(db, app, [inbound(contact, "Haló?")]);
    await drain();
    await db.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.queue, sendEmailDigestJob.queue), eq(jobs.status, "queued")));
    await drain();

    const [english, czech] = emailsTo(bob);
    expect(english!.subject).toBe("New message from Ann Contact");
    expect(czech!.subject).toMatch(/^\d+ nov(é|ých) zpráv[y]? od Ann Contact$/);
    expect(czech!.html).toContain("Otevřít konverzaci");
  });

  it("shows each message's time formatted for the recipient, not as a raw JavaScript date", async () => {
    const { bob, app, contact } = await acme({ bobLocale: "cs" });
    const occurredAt = new Date("2025-03-10T09:05:00.000Z");

    await ingestEvents(db, app, [inbound(contact, "Kdy to dorazí?", occurredAt)]);
    await drain();

    const [email] = emailsTo(bob);
    expect(email!.text).not.toContain(String(occurredAt));
    expect(email!.text).not.toContain("GMT");
    const czechDate = new Intl.DateTimeFormat("cs", { dateStyle: "medium", timeZone: "UTC" }).format(occurredAt);
    expect(email!.text).toContain(czechDate);
  });

  it("emails carol when alice assigns her the conversation", async () => {
    const { alice, carol, conversation } = await acme();
    await assignConversation(db, subjectOf(alice), { conversationId: conversation.id, assigneeId: carol.id });
    await db.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.queue, notifyAssignmentJob.queue), eq(jobs.status, "queued")));
    await drain();

    expect(emailsTo(carol).map((email) => email.subject)).toEqual(["Alice assigned you a conversation with Ann Contact"]);
    expect(emailsTo(carol)[0]!.text).toContain(`/messaging/c/${conversation.id}`);
  });

  it("keeps emailing bob about a conversation after a window in which he could not be emailed", async () => {
    const { bob, app, contact, conversation } = await acme();
    await ingestEvents(db, app, [inbound(contact, "First")]);
    await drain();
    await ingestEvents(db, app, [inbound(contact, "Second")]);
    await drain();
    expect(emailsTo(bob)).toHaveLength(1);

    // Bob is deactivated while the window runs out, so its digest finds nobody to email...
    await db.update(users).set({ isActive: false }).where(eq(users.id, bob.id));
    await db.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.queue, sendEmailDigestJob.queue), eq(jobs.status, "queued")));
    await drain();
    expect(emailsTo(bob)).toHaveLength(1);

    // ...and is back before the next message.
    await db.update(users).set({ isActive: true }).where(eq(users.id, bob.id));
    await ingestEvents(db, app, [inbound(contact, "Third")]);
    await drain();
    await db.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.queue, sendEmailDigestJob.queue), eq(jobs.status, "queued")));
    await drain();

    expect(emailsTo(bob)).toHaveLength(2);
    expect(emailsTo(bob)[1]!.text).toContain("Third");
    expect((await digestJobs(bob.id, conversation.id)).every((job) => job.status === "done")).toBe(true);
  });

  it("retries an email Resend could not take, and sends it once", async () => {
    const { bob, app, contact } = await acme();
    resend.answerNext({ status: 500, json: { statusCode: 500, name: "internal_server_error", message: "Try again" } });

    await ingestEvents(db, app, [inbound(contact, "Are you there?")]);
    await drain();

    expect(emailsTo(bob).map((email) => email.subject)).toEqual(["New message from Ann Contact"]);
  });
});
