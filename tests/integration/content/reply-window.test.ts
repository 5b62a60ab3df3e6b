import { beforeAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { sendReply } from "@/lib/inbox/reply";
import { createApp, createConversation, createMessage, createUser, createWorkspace, subjectOf } from "@/tests/factories";
import { countAllRows } from "@/tests/support/webhooks";
import { startMessengerStandIn } from "@/tests/stand-ins/meta";
import type { ProviderStandIn } from "@/tests/stand-ins/provider-stand-in";
import { startTwilioStandIn } from "@/tests/stand-ins/twilio";
import { sendReplyJob } from "@/lib/inbox/send-reply-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** SPEC §14 "the 24-hour window", from the reply to what reaches the provider. */

const HOUR = 60 * 60 * 1000;
let messengerApi: ProviderStandIn;
let twilioApi: ProviderStandIn;

beforeEach(async () => {
  messengerApi = await startMessengerStandIn();
  twilioApi = await startTwilioStandIn();
});
afterEach(async () => {
  await messengerApi.close();
  await twilioApi.close();
});

async function conversationWrittenAgo(provider: "messenger" | "whatsapp", hoursAgo: number) {
  const workspace = await createWorkspace();
  const alice = await createUser({ workspace, role: "admin" });
  const app = await createApp({ installer: alice, provider });
  const conversation = await createConversation({ app });
  await createMessage({ conversation, direction: "inbound", occurredAt: new Date(Date.now() - hoursAgo * HOUR) });
  return { alice, conversation };
}

const send = (user: Parameters<typeof subjectOf>[0], conversationId: string) => sendReply(db, subjectOf(user), { conversationId, text: "Hello again" });
const runSendJobs = () => drainJobs({ retryBaseMs: 0, queues: [sendReplyJob.queue] });

describe("replies and the provider's window", () => {
  it("sends a Messenger reply inside 24 hours as a plain RESPONSE", async () => {
    const { alice, conversation } = await conversationWrittenAgo("messenger", 2);
    expect((await send(alice, conversation.id)).ok).toBe(true);
    await runSendJobs();
    expect(JSON.parse(messengerApi.requests.at(-1)!.body)).toMatchObject({ messaging_type: "RESPONSE" });
  });

  it("tags a Messenger reply 24 h – 7 days later with HUMAN_AGENT", async () => {
    const { alice, conversation } = await conversationWrittenAgo("messenger", 30);
    expect((await send(alice, conversation.id)).ok).toBe(true);
    await runSendJobs();
    expect(JSON.parse(messengerApi.requests.at(-1)!.body)).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
  });

  it.each([
    ["Messenger after 7 days", "messenger", 24 * 8],
    ["WhatsApp after 24 hours", "whatsapp", 25],
  ] as const)("refuses a free-form reply on %s, storing and sending nothing", async (_case, provider, hoursAgo) => {
    const { alice, conversation } = await conversationWrittenAgo(provider, hoursAgo);
    const before = await countAllRows();
    const result = await send(alice, conversation.id);
    expect(result).toMatchObject({ ok: false, reason: "outside_reply_window" });
    await runSendJobs();
    expect(await countAllRows()).toEqual(before);
    expect([...messengerApi.requests, ...twilioApi.requests]).toHaveLength(0);
  });
});
