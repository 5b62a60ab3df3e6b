import { and, eq } from "drizzle-orm";
import { beforeAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversations, jobs, messages, type Conversation, type Message } from "@/db/schema";
import type { MessageEvent } from "@/lib/channels/types";
import { parseTwilioStatus } from "@/lib/channels/whatsapp/parse-webhook";
import { deleteConversation } from "@/lib/inbox/delete-conversation";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import { loadThreadPage } from "@/lib/inbox/queries";
import { resendMessage, sendReply } from "@/lib/inbox/reply";
import { runDueJobs } from "@/lib/jobs/worker";
import { createApp, createConversation, createUser, createWorkspace, subjectOf, type CreatedApp } from "@/tests/factories";
import { refusedBaseUrl, type ReceivedRequest } from "@/tests/stand-ins/http-stand-in";
import { messengerAnswers, newMessengerMid, startMessengerStandIn } from "@/tests/stand-ins/meta";
import type { ProviderStandIn } from "@/tests/stand-ins/provider-stand-in";
import { newTwilioSid, startTwilioStandIn, twilioAnswers } from "@/tests/stand-ins/twilio";
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

/** The worker logs every failed attempt; retried sends are expected here. */
const quietWorkerLogs = () => vi.spyOn(console, "error").mockImplementation(() => {});

const runSendJobs = () => drainJobs({ retryBaseMs: 0, queues: [sendReplyJob.queue] });

async function inbox<P extends "messenger" | "whatsapp">(provider: P) {
  const workspace = await createWorkspace();
  const alice = await createUser({ workspace, role: "admin", name: "Alice" });
  const bob = await createUser({ workspace, name: "Bob" });
  const app = (await createApp({ installer: alice, provider })) as CreatedApp<P>;
  const conversation = await createConversation({ app });
  return { alice, bob, app, conversation };
}

async function reply(user: { id: string; workspaceId: string }, conversation: Conversation, text: string): Promise<string> {
  const result = await sendReply(db, subjectOf(user), { conversationId: conversation.id, text });
  if (!result.ok) throw new Error(`sendReply refused: ${result.reason}`);
  return result.value.messageId;
}

async function messageById(id: string): Promise<Message> {
  const [row] = await (await getDb()).select().from(messages).where(eq(messages.id, id));
  return row!;
}

async function outboundOf(conversation: Conversation): Promise<Message[]> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversation.id), eq(messages.direction, "outbound")));
}

async function sendJobsFor(messageId: string) {
  const all = await (await getDb()).select().from(jobs).where(eq(jobs.queue, sendReplyJob.queue));
  return all.filter((job) => job.payload.messageId === messageId);
}

const jsonBody = (request: ReceivedRequest) => JSON.parse(request.body) as unknown;
const formBody = (request: ReceivedRequest) => Object.fromEntries(new URLSearchParams(request.body));

/** Each provider's stand-in, the answers it can give, and how its window refusal reads on the message. */
const PROVIDERS = {
  messenger: {
    api: () => messengerApi,
    answers: messengerAnswers,
    newProviderId: newMessengerMid,
    windowReason: /24-hour window.*\(Meta error 10\/2018278\)/,
  },
  whatsapp: {
    api: () => twilioApi,
    answers: {
      sent: (id: string) => twilioAnswers.created(id),
      outsideWindow: twilioAnswers.outsideWindow,
      unavailable: twilioAnswers.unavailable,
      throttled: twilioAnswers.throttled,
    },
    newProviderId: newTwilioSid,
    windowReason: /24-hour customer service window.*63016/,
  },
} as const;

describe("a reply through the Messenger Send API", () => {
  it("is stored as pending, then sent as Meta expects and marked sent with Meta's message id", async () => {
    const { app, bob, conversation } = await inbox("messenger");
    const messageId = await reply(bob, conversation, "Your order left yesterday 📦");

    expect(await messageById(messageId)).toMatchObject({ state: "pending", providerMessageId: null });
    expect(messengerApi.requests).toHaveLength(0);
    const mid = newMessengerMid();
    messengerApi.answerNext(messengerAnswers.sent(mid, conversation.externalContactId));

    await runSendJobs();

    expect(messengerApi.requests).toHaveLength(1);
    const [request] = messengerApi.requests;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe(`/v21.0/${app.credentials.pageId}/messages`);
    expect(Object.fromEntries(request!.query)).toEqual({ access_token: app.credentials.pageAccessToken });
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(jsonBody(request!)).toEqual({
      recipient: { id: conversation.externalContactId },
      messaging_type: "RESPONSE",
      message: { text: "Your order left yesterday 📦", metadata: messageId },
    });
    expect(await messageById(messageId)).toMatchObject({
      state: "sent",
      providerMessageId: mid,
      failureReason: null,
      sendStartedAt: null,
      sendAttempts: 1,
    });
    expect((await sendJobsFor(messageId)).map((job) => job.status)).toEqual(["done"]);
  });

  it("shows in the thread with its sender, and claims the unassigned conversation for the replier", async () => {
    const { bob, conversation } = await inbox("messenger");
    const messageId = await reply(bob, conversation, "On it");
    await runSendJobs();

    const { messages: thread } = await loadThreadPage(db, conversation.id);
    expect(thread.find((message) => message.id === messageId)).toMatchObject({
      direction: "outbound",
      text: "On it",
      state: "sent",
      senderName: "Bob",
      failureReason: null,
    });
    const [row] = await (await getDb()).select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(row!.assigneeId).toBe(bob.id);
  });
});

describe("a reply through the Twilio Messages API", () => {
  it("is created with Basic auth, the form Twilio takes and our status callback, and marked sent with the sid", async () => {
    const { app, bob, conversation } = await inbox("whatsapp");
    const messageId = await reply(bob, conversation, "Your order left yesterday");
    const sid = newTwilioSid();
    twilioApi.answerNext((request) => twilioAnswers.created(sid, request));

    await runSendJobs();

    expect(twilioApi.requests).toHaveLength(1);
    const [request] = twilioApi.requests;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe(`/2010-04-01/Accounts/${app.credentials.accountSid}/Messages.json`);
    expect([...request!.query]).toEqual([]);
    const basic = Buffer.from(`${app.credentials.accountSid}:${app.credentials.authToken}`).toString("base64");
    expect(request!.headers.authorization).toBe(`Basic ${basic}`);
    expect(request!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(formBody(request!)).toEqual({
      To: conversation.externalContactId,
      From: app.credentials.sender,
      Body: "Your order left yesterday",
      StatusCallback: `http://localhost:3000/api/webhooks/whatsapp/${app.id}/status`,
    });
    expect(await messageById(messageId)).toMatchObject({ state: "sent", providerMessageId: sid, failureReason: null, sendAttempts: 1 });
  });
});

describe.each(["messenger", "whatsapp"] as const)("on %s", (provider) => {
  const { api, answers, newProviderId, windowReason } = PROVIDERS[provider];

  it("marks a reply refused outside the 24-hour window as failed with the provider's reason, without retrying", async () => {
    const { bob, conversation } = await inbox(provider);
    const messageId = await reply(bob, conversation, "Are you still there?");
    api().answerNext(answers.outsideWindow());

    await runSendJobs();

    expect(api().requests).toHaveLength(1);
    const failed = await messageById(messageId);
    expect(failed).toMatchObject({ state: "failed", providerMessageId: null, sendStartedAt: null });
    expect(failed.failureReason).toMatch(windowReason);
    const { messages: thread } = await loadThreadPage(db, conversation.id);
    expect(thread.find((message) => message.id === messageId)).toMatchObject({ state: "failed", failureReason: failed.failureReason });
    expect((await sendJobsFor(messageId)).map((job) => job.status)).toEqual(["done"]);
  });

  it.each([
    ["503", "unavailable"],
    ["429", "throttled"],
  ] as const)("sends exactly once after a %s and then a success: two requests, one accepted, one message", async (_status, first) => {
    quietWorkerLogs();
    const { bob, conversation } = await inbox(provider);
    const before = await outboundOf(conversation);
    const messageId = await reply(bob, conversation, "Second time lucky");
    const providerId = newProviderId();
    api().answerNext(answers[first](), answers.sent(providerId));

    await runSendJobs();

    const requests = api().requests;
    expect(requests).toHaveLength(2);
    expect(requests[1]!.body).toBe(requests[0]!.body);
    expect(await messageById(messageId)).toMatchObject({ state: "sent", providerMessageId: providerId, sendAttempts: 2 });
    expect((await outboundOf(conversation)).length).toBe(before.length + 1);
    expect((await sendJobsFor(messageId)).map((job) => [job.status, job.attempts])).toEqual([["done", 2]]);
  });

  it("retries a reply whose provider could not be reached at all, and sends it once", async () => {
    quietWorkerLogs();
    const { bob, conversation } = await inbox(provider);
    const messageId = await reply(bob, conversation, "Retry me");
    const variable = provider === "messenger" ? "MESSENGER_API_BASE" : "TWILIO_API_BASE";
    process.env[variable] = await refusedBaseUrl();

    await runDueJobs(await getDb(), [sendReplyJob], { retryBaseMs: 0, limit: 1 });

    expect(await messageById(messageId)).toMatchObject({ state: "pending", sendStartedAt: null });
    expect((await sendJobsFor(messageId)).map((job) => job.status)).toEqual(["queued"]);

    process.env[variable] = api().baseUrl;
    await runSendJobs();

    expect(api().requests).toHaveLength(1);
    expect(await messageById(messageId)).toMatchObject({ state: "sent" });
  });

  it("fails a reply whose connection dropped mid-request as unknown outcome, and never sends it again by itself", async () => {
    quietWorkerLogs();
    const { bob, conversation } = await inbox(provider);
    const messageId = await reply(bob, conversation, "Did this arrive?");
    api().answerNext("destroy");

    await runSendJobs();
    await runSendJobs();

    expect(api().requests).toHaveLength(1);
    expect(await messageById(messageId)).toMatchObject({
      state: "failed",
      failureReason: "@unknown_outcome",
      providerMessageId: null,
      sendStartedAt: null,
    });
  });

  it("sends a failed reply again when asked: pending, then sent, as the same message", async () => {
    const { bob, conversation } = await inbox(provider);
    quietWorkerLogs();
    const messageId = await reply(bob, conversation, "Please confirm");
    // The connection dropped: a failure Send again can fix (explainFailure).
    api().answerNext("destroy");
    await runSendJobs();
    expect(await messageById(messageId)).toMatchObject({ state: "failed" });
    const outboundBefore = await outboundOf(conversation);

    const resent = await resendMessage(db, subjectOf(bob), { conversationId: conversation.id, messageId });

    expect(resent).toEqual({ ok: true, value: { messageId } });
    expect(await messageById(messageId)).toMatchObject({ state: "pending", failureReason: null, sendStartedAt: null });
    const providerId = newProviderId();
    api().answerNext(answers.sent(providerId));

    await runSendJobs();

    expect(api().requests).toHaveLength(2);
    expect(await messageById(messageId)).toMatchObject({ state: "sent", providerMessageId: providerId, failureReason: null });
    expect(await outboundOf(conversation)).toHaveLength(outboundBefore.length);
  });

  it("never sends a reply whose conversation was deleted before its job ran", async () => {
    const { alice, bob, conversation } = await inbox(provider);
    const messageId = await reply(bob, conversation, "Too late");
    expect(await deleteConversation(db, subjectOf(alice), conversation.id)).toMatchObject({ ok: true });

    await runSendJobs();

    expect(api().requests).toHaveLength(0);
    expect((await sendJobsFor(messageId)).map((job) => job.status)).toEqual(["done"]);
  });
});

describe("a WhatsApp reply that Twilio accepts and fails later through its status callback", () => {
  /** PROVIDERS.md §4: 63016 usually comes back this way, after a 201 on create. */
  async function sentThenFailedByCallback(errorCode = "63016", errorMessage = "Failed to send freeform message because you are outside the allowed window.") {
    const setup = await inbox("whatsapp");
    const messageId = await reply(setup.bob, setup.conversation, "Outside the window, found out later");
    const sid = newTwilioSid();
    twilioApi.answerNext(twilioAnswers.created(sid));
    await runSendJobs();
    const parsed = parseTwilioStatus({
      MessageSid: sid,
      MessageStatus: "undelivered",
      To: setup.conversation.externalContactId,
      ErrorCode: errorCode,
      ErrorMessage: errorMessage,
    });
    if (!parsed.ok) throw new Error("the status callback did not parse");
    await ingestEvents(db, setup.app, parsed.events);
    return { ...setup, messageId, sid };
  }

  it("shows as failed with the window reason", async () => {
    const { messageId, sid } = await sentThenFailedByCallback();

    const failed = await messageById(messageId);
    expect(failed).toMatchObject({ state: "failed", providerMessageId: sid });
    expect(failed.failureReason).toMatch(PROVIDERS.whatsapp.windowReason);
  });

  it("is not sent again: outside the window it would only fail the same way, and nothing changes", async () => {
    const { bob, conversation, messageId } = await sentThenFailedByCallback();
    const before = await messageById(messageId);
    const jobsBefore = await sendJobsFor(messageId);

    const resent = await resendMessage(db, subjectOf(bob), { conversationId: conversation.id, messageId });

    expect(resent).toEqual({ ok: false, reason: "not_retryable" });
    expect(await messageById(messageId)).toEqual(before);
    expect(await sendJobsFor(messageId)).toEqual(jobsBefore);
    expect(twilioApi.requests).toHaveLength(1);
  });

  it("an unreachable handset is sent again when the user asks, as a new Twilio message", async () => {
    const { bob, conversation, messageId } = await sentThenFailedByCallback("30003", "Unreachable destination handset");

    const resent = await resendMessage(db, subjectOf(bob), { conversationId: conversation.id, messageId });
    expect(resent).toEqual({ ok: true, value: { messageId } });
    const newSid = newTwilioSid();
    twilioApi.answerNext(twilioAnswers.created(newSid));

    await runSendJobs();

    expect(twilioApi.requests).toHaveLength(2);
    expect(await messageById(messageId)).toMatchObject({ state: "sent", providerMessageId: newSid, failureReason: null });
  });
});

describe("the echo of our own Messenger reply", () => {
  function echo(app: CreatedApp<"messenger">, conversation: Conversation, mid: string, text: string, reference: string | null): MessageEvent {
    return {
      kind: "message",
      direction: "outbound",
      contactId: conversation.externalContactId,
      contactName: null,
      providerMessageId: mid,
      text,
      attachments: [],
      occurredAt: new Date(),
      reference,
    };
  }

  it("arriving before the Send API answers is the same message, not a second one", async () => {
    const { app, bob, conversation } = await inbox("messenger");
    const messageId = await reply(bob, conversation, "Echo me");
    const mid = newMessengerMid();
    messengerApi.answerNext(async () => {
      // Meta's echo webhook overtakes its own HTTP answer.
      await ingestEvents(db, app, [echo(app, conversation, mid, "Echo me", messageId)]);
      return messengerAnswers.sent(mid, conversation.externalContactId);
    });

    await runSendJobs();

    expect(messengerApi.requests).toHaveLength(1);
    const outbound = await outboundOf(conversation);
    expect(outbound.map((message) => [message.id, message.providerMessageId, message.state])).toEqual([[messageId, mid, "sent"]]);
  });

  it("turns a reply failed as unknown outcome into sent when its echo proves Meta has it", async () => {
    quietWorkerLogs();
    const { app, bob, conversation } = await inbox("messenger");
    const messageId = await reply(bob, conversation, "Did it arrive?");
    messengerApi.answerNext("destroy");
    await runSendJobs();
    expect(await messageById(messageId)).toMatchObject({ state: "failed", failureReason: "@unknown_outcome" });

    const mid = newMessengerMid();
    await ingestEvents(db, app, [echo(app, conversation, mid, "Did it arrive?", messageId)]);

    expect(await messageById(messageId)).toMatchObject({ state: "sent", failureReason: null, providerMessageId: mid });
    const resent = await resendMessage(db, subjectOf(bob), { conversationId: conversation.id, messageId });
    expect(resent).toEqual({ ok: false, reason: "not_failed" });
    expect(messengerApi.requests).toHaveLength(1);
  });

  it("arriving again after the answer (a webhook retry) stores nothing new", async () => {
    const { app, bob, conversation } = await inbox("messenger");
    const messageId = await reply(bob, conversation, "Echo me twice");
    const mid = newMessengerMid();
    messengerApi.answerNext(messengerAnswers.sent(mid));
    await runSendJobs();

    const summary = await ingestEvents(db, app, [echo(app, conversation, mid, "Echo me twice", messageId)]);

    expect(summary).toMatchObject({ storedMessages: 0, duplicateMessages: 1 });
    expect((await outboundOf(conversation)).map((message) => [message.id, message.state])).toEqual([[messageId, "sent"]]);
  });

  it("arriving first without our reference is folded into our reply once the Send API answers", async () => {
    const { app, bob, conversation } = await inbox("messenger");
    const messageId = await reply(bob, conversation, "No metadata");
    const mid = newMessengerMid();
    messengerApi.answerNext(async () => {
      await ingestEvents(db, app, [echo(app, conversation, mid, "No metadata", null)]);
      return messengerAnswers.sent(mid);
    });

    await runSendJobs();

    expect((await outboundOf(conversation)).map((message) => [message.id, message.providerMessageId])).toEqual([[messageId, mid]]);
  });
});
