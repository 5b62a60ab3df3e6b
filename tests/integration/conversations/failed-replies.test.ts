import { beforeAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import type { Conversation } from "@/db/schema";
import { listConversations } from "@/lib/inbox/queries";
import { resendMessage, sendReply } from "@/lib/inbox/reply";
import { createApp, createConversation, createMessage, createUser, createWorkspace, subjectOf, type CreatedApp } from "@/tests/factories";
import { snapshotDatabase } from "@/tests/support/db-snapshot";
import { startMessengerStandIn } from "@/tests/stand-ins/meta";
import type { ProviderStandIn } from "@/tests/stand-ins/provider-stand-in";
import { startTwilioStandIn } from "@/tests/stand-ins/twilio";
import { sendReplyJob } from "@/lib/inbox/send-reply-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

let messengerApi: ProviderStandIn;
let twilioApi: ProviderStandIn;
let previousAppUrl: string | undefined;

beforeEach(async () => {
  previousAppUrl = process.env.APP_URL;
  process.env.APP_URL = "http://localhost:3000";
  messengerApi = await startMessengerStandIn();
  twilioApi = await startTwilioStandIn();
});

afterEach(async () => {
  await messengerApi.close();
  await twilioApi.close();
  process.env.APP_URL = previousAppUrl;
  vi.restoreAllMocks();
});

const runSendJobs = () => drainJobs({ retryBaseMs: 0, queues: [sendReplyJob.queue] });

async function inbox() {
  const workspace = await createWorkspace();
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const app = (await createApp({ installer: alice, provider: "whatsapp" })) as CreatedApp<"whatsapp">;
  const conversation = await createConversation({ app, contactName: "Ann Contact" });
  await createMessage({ conversation, direction: "inbound", text: "Hi there" });
  return { alice, app, conversation };
}

async function reply(user: { id: string; workspaceId: string }, conversation: Conversation, text: string): Promise<string> {
  const result = await sendReply(db, subjectOf(user), { conversationId: conversation.id, text });
  if (!result.ok) throw new Error(`sendReply refused: ${result.reason}`);
  return result.value.messageId;
}

/** Twilio's answer for a number that is not on WhatsApp (error 63024, invalid recipient). */
const invalidRecipient = { status: 400, json: { code: 63024, message: "Invalid message recipient", status: 400 } };

/** The conversation's row in whichever view it is in (a reply claims it: Unassigned → Assigned to me). */
async function rowOf(user: { id: string; workspaceId: string; role: "admin" | "member" }, conversationId: string) {
  for (const view of ["unassigned", "mine"] as const) {
    const { rows } = await listConversations(db, subjectOf(user), view, { limit: 50 });
    const row = rows.find((candidate) => candidate.id === conversationId);
    if (row) return row;
  }
  return undefined;
}

describe("a failed reply in the list", () => {
  it("marks the row while the newest reply is the failed one, also after the customer writes again", async () => {
    const { alice, conversation } = await inbox();
    expect(await rowOf(alice, conversation.id)).toMatchObject({ lastReplyFailed: false });

    await reply(alice, conversation, "First answer");
    twilioApi.answerNext(invalidRecipient);
    await runSendJobs();
    expect(await rowOf(alice, conversation.id)).toMatchObject({ lastReplyFailed: true });

    await createMessage({ conversation, direction: "inbound", text: "Did you answer?" });
    expect(await rowOf(alice, conversation.id)).toMatchObject({ lastReplyFailed: true });

    await reply(alice, conversation, "Second answer");
    await runSendJobs();
    expect(await rowOf(alice, conversation.id)).toMatchObject({ lastReplyFailed: false });
  });

  it("does not mark the row for an older failed reply followed by a sent one", async () => {
    const { alice, conversation } = await inbox();
    await createMessage({ conversation, direction: "outbound", state: "failed", failureReason: "Twilio error 63024", occurredAt: new Date(Date.now() - 60_000) });
    await createMessage({ conversation, direction: "outbound", state: "delivered" });
    expect(await rowOf(alice, conversation.id)).toMatchObject({ lastReplyFailed: false });
  });
});

describe("Send again on a permanent failure", () => {
  it("is refused with not_retryable and changes nothing, and nothing goes to Twilio", async () => {
    const { alice, conversation } = await inbox();
    const messageId = await reply(alice, conversation, "To a number that is not on WhatsApp");
    twilioApi.answerNext(invalidRecipient);
    await runSendJobs();
    const before = await snapshotDatabase();

    const result = await resendMessage(db, subjectOf(alice), { conversationId: conversation.id, messageId });
    await runSendJobs();

    expect(result).toEqual({ ok: false, reason: "not_retryable" });
    expect(await snapshotDatabase()).toEqual(before);
    expect(twilioApi.requests).toHaveLength(1);
    expect(await rowOf(alice, conversation.id)).toMatchObject({ lastReplyFailed: true });
  });

  it("is accepted for a failure a retry can fix (Twilio unavailable until the job gave up)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // the worker logs each failed attempt
    const { alice, conversation } = await inbox();
    const messageId = await reply(alice, conversation, "While Twilio is down");
    const unavailable = { status: 503, json: { code: 20503, message: "Service unavailable", status: 503 } };
    twilioApi.answerNext(...Array.from({ length: 8 }, () => unavailable)); // every one of the job's 8 attempts
    await runSendJobs();
    expect(await rowOf(alice, conversation.id)).toMatchObject({ lastReplyFailed: true });

    expect(await resendMessage(db, subjectOf(alice), { conversationId: conversation.id, messageId })).toEqual({ ok: true, value: { messageId } });
    await runSendJobs();
    expect(await rowOf(alice, conversation.id)).toMatchObject({ lastReplyFailed: false });
  });
});
