import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { outboxEmails } from "@/db/schema";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import { createApp, createConversation, createUser, createWorkspace } from "@/tests/factories";
import { newPsid } from "@/tests/support/webhooks";
import { sendEmailDigestJob } from "@/lib/notifications/email-digest";
import { notifyAssignmentJob } from "@/lib/notifications/notify-assignment-job";
import { notifyMessageJob } from "@/lib/notifications/notify-message-job";
import { notifyTestJob } from "@/lib/notifications/notify-test-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/**
 * Spec §6: without RESEND_API_KEY (the embedded default) emails go to the local outbox table
 * that /dev/outbox shows. Kept apart from email.test.ts: if the worker gets stuck here, the
 * other email tests still run.
 */

const NOTIFICATION_QUEUES = [notifyMessageJob.queue, notifyAssignmentJob.queue, sendEmailDigestJob.queue, notifyTestJob.queue];
const STUCK_AFTER_MS = 10_000;
const savedEnv: Record<string, string | undefined> = {};

beforeAll(() => {
  for (const name of ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "RESEND_API_KEY", "RESEND_BASE_URL"]) savedEnv[name] = process.env[name];
  const vapid = webpush.generateVAPIDKeys();
  process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
});

afterAll(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Drains, but reports a worker that never comes back instead of hanging the test run. */
async function drainOrReportStuck(): Promise<"drained" | "stuck"> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<"stuck">((resolve) => {
    timer = setTimeout(() => resolve("stuck"), STUCK_AFTER_MS);
  });
  const drained = drainJobs({ retryBaseMs: 0, queues: NOTIFICATION_QUEUES }).then(() => "drained" as const);
  const outcome = await Promise.race([drained, stuck]);
  clearTimeout(timer);
  return outcome;
}

describe("email without RESEND_API_KEY", () => {
  it("lands in outbox_emails", async () => {
    const workspace = await createWorkspace();
    const alice = await createUser({ workspace, role: "admin", name: "Alice" });
    const bob = await createUser({ workspace, name: "Bob" });
    const app = await createApp({ installer: alice, provider: "messenger", name: "Acme Messenger", members: [bob] });
    const contact = newPsid();
    await createConversation({ app, assignee: bob, contactName: "Ann Contact", externalContactId: contact });

    await ingestEvents(db, app, [
      {
        kind: "message",
        direction: "inbound",
        contactId: contact,
        contactName: null,
        providerMessageId: `m_${randomBytes(10).toString("hex")}`,
        text: "Hello from the outbox test",
        attachments: [],
        occurredAt: new Date(),
      },
    ]);

    expect(await drainOrReportStuck(), "the job worker never finished sending the email digest").toBe("drained");
    const emails = await db.select().from(outboxEmails).where(eq(outboxEmails.to, bob.email));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ subject: "New message from Ann Contact" });
    expect(emails[0]!.text).toContain("Hello from the outbox test");
  }, STUCK_AFTER_MS + 10_000);
});
