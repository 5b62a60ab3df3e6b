import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { conversations, messages, type User } from "@/db/schema";
import { readContent } from "@/db/message-content";
import { listConversationTemplates, sendTemplate } from "@/lib/inbox/send-template";
import { resendMessage } from "@/lib/inbox/reply";
import { createApp, createConversation, createMessage, createUser, createWorkspace, subjectOf, type CreatedApp } from "@/tests/factories";
import type { ProviderStandIn } from "@/tests/stand-ins/provider-stand-in";
import { startTwilioContentStandIn, startTwilioStandIn, type StandInTemplate } from "@/tests/stand-ins/twilio";
import { sendReplyJob } from "@/lib/inbox/send-reply-job";
import { drainJobs } from "@/tests/support/jobs";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** SPEC §14: WhatsApp after its 24-hour window, through Twilio's Content API and Messages API. */

const HOUR = 60 * 60 * 1000;
const FOLLOW_UP = "HX0123456789abcdef0123456789abcdef";
const GREETING = "HXfedcba9876543210fedcba9876543210";
const PENDING = "HX11111111111111111111111111111111";
const templates: StandInTemplate[] = [
  { sid: FOLLOW_UP, name: "Order follow-up", body: "Hi {{1}}, your order {{2}} is ready. Reply to continue.", variables: { "1": "Jana", "2": "#1001" } },
  { sid: GREETING, name: "Greeting", body: "Hello! Are you still interested?" },
  { sid: PENDING, name: "Not approved yet", body: "Draft {{1}}", status: "pending" },
];

let contentApi: ProviderStandIn;
let twilioApi: ProviderStandIn;
let alice: User;
let dave: User;
let whatsapp: CreatedApp<"whatsapp">;
let messenger: CreatedApp<"messenger">;

beforeAll(async () => {
  contentApi = await startTwilioContentStandIn(templates);
  twilioApi = await startTwilioStandIn();
  const workspace = await createWorkspace();
  alice = await createUser({ workspace, role: "admin" });
  dave = await createUser({ workspace: await createWorkspace(), role: "admin" });
  whatsapp = await createApp({ installer: alice, provider: "whatsapp" });
  messenger = await createApp({ installer: alice, provider: "messenger" });
});
afterAll(async () => {
  await contentApi.close();
  await twilioApi.close();
});

async function conversationWrittenAgo(app: CreatedApp, hoursAgo: number) {
  const conversation = await createConversation({ app });
  await createMessage({ conversation, direction: "inbound", occurredAt: new Date(Date.now() - hoursAgo * HOUR) });
  return conversation;
}

const runSendJobs = () => drainJobs({ retryBaseMs: 0, queues: [sendReplyJob.queue] });

async function messageCount(conversationId: string) {
  return (await db.select({ n: count() }).from(messages).where(eq(messages.conversationId, conversationId)))[0]!.n;
}

describe("WhatsApp templates", () => {
  it("lists only approved templates, with their variables, asking with the app's credentials", async () => {
    const conversation = await conversationWrittenAgo(whatsapp, 30);
    const listed = await listConversationTemplates(await getDb(), subjectOf(alice), conversation.id);
    expect(listed.ok && listed.value.map((t) => [t.name, t.variables])).toEqual([
      ["Greeting", []],
      ["Order follow-up", ["1", "2"]],
    ]);
    const asked = contentApi.requests.at(-1)!;
    expect(asked.path).toBe("/v1/ContentAndApprovals");
    const basic = Buffer.from(`${whatsapp.credentials.accountSid}:${whatsapp.credentials.authToken}`).toString("base64");
    expect(asked.headers.authorization).toBe(`Basic ${basic}`);
  });

  it("sends a template after the window with ContentSid and ContentVariables, shown as the rendered text", async () => {
    const conversation = await conversationWrittenAgo(whatsapp, 30);
    const result = await sendTemplate(await getDb(), subjectOf(alice), {
      conversationId: conversation.id,
      contentSid: FOLLOW_UP,
      variables: { "1": " Petra ", "2": "#2044" },
    });
    expect(result.ok).toBe(true);
    await runSendJobs();
    const form = new URLSearchParams(twilioApi.requests.at(-1)!.body);
    expect(form.get("To")).toBe(conversation.externalContactId);
    expect(form.get("ContentSid")).toBe(FOLLOW_UP);
    expect(JSON.parse(form.get("ContentVariables")!)).toEqual({ "1": "Petra", "2": "#2044" });
    // A Body beside ContentSid would make Twilio send free-form text, refused after the window (63016).
    expect(form.has("Body")).toBe(false);
    const [stored] = await db.select().from(messages).where(eq(messages.id, result.ok ? result.value.messageId : ""));
    expect(stored).toMatchObject({ direction: "outbound", state: "sent", text: "Hi Petra, your order #2044 is ready. Reply to continue." });
    expect(readContent(stored!.kind, stored!.payload)).toMatchObject({ kind: "template", title: "Order follow-up", contentSid: FOLLOW_UP });
    const [row] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(row).toMatchObject({ lastMessageKind: "template", lastMessagePreview: "Hi Petra, your order #2044 is ready. Reply to continue." });
  });

  it.each([
    ["a missing variable", FOLLOW_UP, { "1": "Petra" }, "template_variables_missing"],
    ["a blank variable", FOLLOW_UP, { "1": "Petra", "2": "   " }, "template_variables_missing"],
    ["a template that is not approved", PENDING, { "1": "x" }, "template_not_found"],
    ["an unknown template", "HX99999999999999999999999999999999", {}, "template_not_found"],
  ])("refuses %s, storing and sending nothing", async (_case, contentSid, variables, reason) => {
    const conversation = await conversationWrittenAgo(whatsapp, 30);
    const before = [await messageCount(conversation.id), twilioApi.requests.length];
    const result = await sendTemplate(await getDb(), subjectOf(alice), { conversationId: conversation.id, contentSid, variables });
    expect(result).toMatchObject({ ok: false, reason });
    if (reason === "template_variables_missing") expect(result).toMatchObject({ params: { names: "{{2}}" } });
    await runSendJobs();
    expect([await messageCount(conversation.id), twilioApi.requests.length]).toEqual(before);
  });

  it("refuses Messenger conversations and other workspaces", async () => {
    const onMessenger = await conversationWrittenAgo(messenger, 30);
    expect(await listConversationTemplates(db, subjectOf(alice), onMessenger.id)).toMatchObject({ ok: false, reason: "templates_whatsapp_only" });
    const theirs = await conversationWrittenAgo(whatsapp, 30);
    expect(await sendTemplate(db, subjectOf(dave), { conversationId: theirs.id, contentSid: GREETING, variables: {} })).toMatchObject({
      ok: false,
      reason: "not_found",
    });
    expect(await messageCount(theirs.id)).toBe(1);
  });

  it("says the list is unavailable when the Content API fails", async () => {
    const conversation = await conversationWrittenAgo(whatsapp, 30);
    contentApi.answerNext({ status: 503, json: { code: 20503, message: "Service unavailable", status: 503 } });
    expect(await listConversationTemplates(await getDb(), subjectOf(alice), conversation.id)).toMatchObject({ ok: false, reason: "templates_unavailable" });
  });
});

describe("Send again and the window", () => {
  it("refuses to resend a failed free-form reply after WhatsApp's window, leaving it failed", async () => {
    const conversation = await conversationWrittenAgo(whatsapp, 30);
    const failed = await createMessage({ conversation, direction: "outbound", state: "failed", failureReason: "63016", sender: alice });
    const result = await resendMessage(db, subjectOf(alice), { conversationId: conversation.id, messageId: failed.id });
    expect(result).toMatchObject({ ok: false, reason: "outside_reply_window" });
    const [row] = await db.select().from(messages).where(eq(messages.id, failed.id));
    expect(row).toMatchObject({ state: "failed", failureReason: "63016" });
  });

  it("resends a failed template after the window: templates restart conversations", async () => {
    const conversation = await conversationWrittenAgo(whatsapp, 30);
    const sent = await sendTemplate(db, subjectOf(alice), { conversationId: conversation.id, contentSid: GREETING, variables: {} });
    twilioApi.answerNext({ status: 400, json: { code: 63016, message: "outside the allowed window", status: 400 } });
    await runSendJobs();
    const messageId = sent.ok ? sent.value.messageId : "";
    expect((await db.select().from(messages).where(eq(messages.id, messageId)))[0]!.state).toBe("failed");
    expect((await resendMessage(db, subjectOf(alice), { conversationId: conversation.id, messageId })).ok).toBe(true);
    await runSendJobs();
    expect(new URLSearchParams(twilioApi.requests.at(-1)!.body).get("ContentSid")).toBe(GREETING);
    expect((await db.select().from(messages).where(eq(messages.id, messageId)))[0]!.state).toBe("sent");
  });
});
