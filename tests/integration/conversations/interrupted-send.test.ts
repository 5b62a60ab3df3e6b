import { eq } from "drizzle-orm";
import { beforeAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { messages } from "@/db/schema";
import { sendReply } from "@/lib/inbox/reply";
import { createApp, createConversation, createUser, subjectOf } from "@/tests/factories";
import { startMessengerStandIn } from "@/tests/stand-ins/meta";
import type { ProviderStandIn } from "@/tests/stand-ins/provider-stand-in";
import { sendReplyJob } from "@/lib/inbox/send-reply-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/*
 * Kept in a file of its own: when the job hangs (see the report on send-reply.ts), it keeps
 * the database busy for the rest of the file, and on PGlite for everything after it.
 */

let messengerApi: ProviderStandIn;
beforeEach(async () => {
  messengerApi = await startMessengerStandIn();
});
afterEach(async () => {
  await messengerApi.close();
});

const DEADLINE_MS = 10_000;

/** Fails with a readable message instead of the test's generic timeout. */
function withinDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

describe("a send whose earlier run died mid-request", () => {
  it(
    "is failed as unknown outcome and never sent again by itself",
    async () => {
      const alice = await createUser({ role: "admin", name: "Alice" });
      const app = await createApp({ installer: alice, provider: "messenger" });
      const conversation = await createConversation({ app });
      const result = await sendReply(db, subjectOf(alice), { conversationId: conversation.id, text: "Did it go out?" });
      if (!result.ok) throw new Error(`sendReply refused: ${result.reason}`);
      const messageId = result.value.messageId;
      // What a worker leaves behind when it dies after claiming the send, before the answer.
      await db.update(messages).set({ sendStartedAt: new Date(), sendAttempts: 1 }).where(eq(messages.id, messageId));

      await withinDeadline(drainJobs({ retryBaseMs: 0, queues: [sendReplyJob.queue] }), "the send job");

      expect(messengerApi.requests).toHaveLength(0);
      const [message] = await db.select().from(messages).where(eq(messages.id, messageId));
      expect(message).toMatchObject({ state: "failed", failureReason: "@unknown_outcome", providerMessageId: null });
    },
    DEADLINE_MS + 5_000,
  );
});
