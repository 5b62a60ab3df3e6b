import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { conversationActivities, conversations, messages, type Message } from "@/db/schema";
import type { FormParams } from "@/lib/channels/whatsapp/form";
import { createApp, createConversation, createMessage, createUser, createWorkspace, type CreatedApp } from "@/tests/factories";
import { countAllRows, deliver, messengerRequest, signedMessengerBody, twilioRequest } from "@/tests/support/webhooks";

/**
 * Issue 14 "Must show": every real provider payload in ../shared/fixtures/webhooks/ goes
 * through the real webhook routes, its ids rewritten to the test apps' (INDEX.md "Ids to
 * rewrite"), and what INDEX.md says should happen is asserted. A file without an expectation
 * here fails the run, so a fixture added later cannot be skipped silently.
 *
 * Files are replayed in name order against one Messenger and one WhatsApp app, so the
 * upstream id collisions INDEX.md lists are asserted as idempotency (nothing new), then the
 * colliding file is replayed once more with a fresh id to show what it holds.
 */

const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/webhooks");
const PAGE_ID = "100200300";
const SCENARIO_PAGE_ID = "100200301";
const ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
const SENDER = "whatsapp:+14155238886";

let messenger: CreatedApp<"messenger">;
/** A second page for the edit and reaction files, whose target messages are arranged first. */
let scenario: CreatedApp<"messenger">;
let whatsapp: CreatedApp<"whatsapp">;

beforeAll(async () => {
  const workspace = await createWorkspace({ name: "Replay Co" });
  const admin = await createUser({ workspace, role: "admin" });
  messenger = await createApp({ installer: admin, provider: "messenger", credentials: { pageId: PAGE_ID } });
  scenario = await createApp({ installer: admin, provider: "messenger", credentials: { pageId: SCENARIO_PAGE_ID } });
  whatsapp = await createApp({ installer: admin, provider: "whatsapp", credentials: { accountSid: ACCOUNT_SID, sender: SENDER } });
});

// ---- reading and rewriting fixtures -------------------------------------------------------

type Json = Record<string, unknown>;

const fixtureFiles = ["messenger", "whatsapp"].flatMap((dir) =>
  fs
    .readdirSync(path.join(FIXTURES, dir))
    .filter((name) => /\.(json|form)$/.test(name))
    .sort()
    .map((name) => `${dir}/${name}`),
);

const rawOf = (file: string) => fs.readFileSync(path.join(FIXTURES, file), "utf8");

/** Every entry id and the page side of each event (recipient inbound, sender on echoes) → `pageId`. */
function messengerBody(file: string, pageId: string, edit?: (event: Json) => void): string {
  const json = JSON.parse(rawOf(file)) as { entry: Json[] };
  for (const entry of json.entry) {
    entry.id = pageId;
    for (const event of [...((entry.messaging as Json[]) ?? []), ...((entry.standby as Json[]) ?? [])]) {
      const isEcho = (event.message as Json | undefined)?.is_echo === true;
      const pageSide = (isEcho ? event.sender : event.recipient) as Json | undefined;
      if (pageSide) pageSide.id = pageId;
      edit?.(event);
    }
  }
  return JSON.stringify(json);
}

/** INDEX.md's form format: one decoded `key=value` a line, split at the first `=`, in file order. */
function formOf(file: string): FormParams {
  const params: FormParams = {};
  for (const line of rawOf(file).split("\n")) {
    if (!line) continue;
    const at = line.indexOf("=");
    params[line.slice(0, at)] = line.slice(at + 1);
  }
  return params;
}

const isStatusFile = (file: string) => /w1[3-7]-status/.test(file);

/** AccountSid (when present) and our number: `To` on inbound, `From` on status callbacks. */
function whatsappForm(file: string, changes: FormParams = {}): FormParams {
  const params = formOf(file);
  if ("AccountSid" in params) params.AccountSid = ACCOUNT_SID;
  const ours = isStatusFile(file) ? "From" : "To";
  if (ours in params) params[ours] = SENDER;
  return { ...params, ...changes };
}

const freshSid = () => `SM${randomBytes(16).toString("hex")}`;
const freshMid = () => `m_${randomBytes(12).toString("hex")}`;

// ---- replaying and looking at the result --------------------------------------------------

type Outcome = { status: number; created: Message[] };

async function idsOf(appId: string): Promise<Set<string>> {
  const db = await getDb();
  return new Set((await db.select({ id: messages.id }).from(messages).where(eq(messages.appId, appId))).map((row) => row.id));
}

async function createdSince(appId: string, before: Set<string>): Promise<Message[]> {
  const db = await getDb();
  const rows = await db.select().from(messages).where(eq(messages.appId, appId)).orderBy(messages.occurredAt, messages.createdAt);
  return rows.filter((row) => !before.has(row.id));
}

async function replayMessenger(file: string, options: { app?: CreatedApp<"messenger">; edit?: (event: Json) => void } = {}): Promise<Outcome> {
  const app = options.app ?? messenger;
  const before = await idsOf(app.id);
  const response = await deliver("messenger", app.id, signedMessengerBody(app, messengerBody(file, app.credentials.pageId, options.edit)));
  return { status: response.status, created: await createdSince(app.id, before) };
}

async function replayWhatsapp(file: string, changes: FormParams = {}): Promise<Outcome> {
  const before = await idsOf(whatsapp.id);
  const route = isStatusFile(file) ? "whatsapp-status" : "whatsapp";
  const response = await deliver(route, whatsapp.id, twilioRequest(whatsapp, whatsappForm(file, changes), { route }));
  return { status: response.status, created: await createdSince(whatsapp.id, before) };
}

/** Exactly one new message, answered 200. */
function single(outcome: Outcome): Message {
  expect(outcome.status).toBe(200);
  expect(outcome.created).toHaveLength(1);
  return outcome.created[0]!;
}

async function expectNothingStored(replay: () => Promise<Outcome>) {
  const before = await countAllRows();
  const outcome = await replay();
  expect(outcome.status).toBe(200);
  expect(await countAllRows()).toEqual(before);
}

async function conversationOf(message: Message) {
  const db = await getDb();
  const [row] = await db.select().from(conversations).where(eq(conversations.id, message.conversationId));
  return row!;
}

async function liveConversation(appId: string, contactId: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.appId, appId), eq(conversations.externalContactId, contactId)));
  return row ?? null;
}

async function activitiesOf(conversationId: string) {
  const db = await getDb();
  return db.select().from(conversationActivities).where(eq(conversationActivities.conversationId, conversationId));
}

async function reload(id: string): Promise<Message> {
  const db = await getDb();
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row!;
}

/** An outbound message the app "sent" earlier, so a delivery or status fixture has something to move. */
async function outboundTo(app: CreatedApp, contactId: string, providerMessageId: string, occurredAt = new Date()) {
  const conversation = (await liveConversation(app.id, contactId)) ?? (await createConversation({ app, externalContactId: contactId }));
  return createMessage({ conversation, direction: "outbound", providerMessageId, state: "sent", occurredAt });
}

/** An inbound message from `psid` to the scenario page, stored through the route. */
async function inboundToScenario(psid: string, mid: string, text: string) {
  const event = { sender: { id: psid }, recipient: { id: SCENARIO_PAGE_ID }, timestamp: Date.now(), message: { mid, text } };
  expect((await deliver("messenger", scenario.id, messengerRequest(scenario, [event]))).status).toBe(200);
  const db = await getDb();
  const [row] = await db.select().from(messages).where(and(eq(messages.appId, scenario.id), eq(messages.providerMessageId, mid)));
  return row!;
}

// ---- what each file should do (INDEX.md "correct inbox") ------------------------------------

const expectations: Record<string, () => Promise<void>> = {
  "messenger/m01-text-real-signed.json": async () => {
    const message = single(await replayMessenger("messenger/m01-text-real-signed.json"));
    expect(message).toMatchObject({ direction: "inbound", text: "34wrr3wr", kind: "text" });
    expect((await conversationOf(message)).externalContactId).toBe("1256217357730577");
  },
  "messenger/m02-text-unicode-cjk.json": async () => {
    expect(single(await replayMessenger("messenger/m02-text-unicode-cjk.json")).text).toBe("請給我背影");
  },
  "messenger/m03-image.json": async () => {
    const message = single(await replayMessenger("messenger/m03-image.json"));
    expect(message.text).toBe("");
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]!.type).toBe("image");
    // The query string intact, `&` not escaped twice.
    expect(message.attachments[0]!.url).toMatch(/^https:\/\/scontent\.xx\.fbcdn\.net\/.+\?.+&.+/);
    expect(message.attachments[0]!.url).not.toContain("&amp;");
  },
  "messenger/m04-video.json": async () => {
    await expectNothingStored(() => replayMessenger("messenger/m04-video.json"));
    const message = single(await replayMessenger("messenger/m04-video.json", { edit: (e) => void ((e.message as Json).mid = freshMid()) }));
    expect(message.attachments).toEqual([{ type: "video", url: "https://example.com/bot/videos/video.mp4" }]);
  },
  "messenger/m05-audio.json": async () => {
    const message = single(await replayMessenger("messenger/m05-audio.json"));
    expect(message.direction).toBe("inbound");
    expect(message.attachments).toEqual([{ type: "audio", url: "https://www.example.com/4.ogg" }]);
  },
  "messenger/m06-file.json": async () => {
    expect(single(await replayMessenger("messenger/m06-file.json")).attachments).toEqual([{ type: "file", url: "https://www.example.com/3.pdf" }]);
  },
  "messenger/m07-multi-attachment-image-fallback-location.json": async () => {
    const message = single(await replayMessenger("messenger/m07-multi-attachment-image-fallback-location.json"));
    expect(message.attachments).toEqual([{ type: "image", url: "http://image.url" }]);
    expect(message.kind).toBe("location");
    expect(message.payload).toEqual({ latitude: 52.3765533, longitude: 9.7389123 });
    expect(JSON.stringify(message)).not.toContain("<URL_OF_THE_ATTACHMENT>");
  },
  "messenger/m08-location.json": async () => {
    const message = single(await replayMessenger("messenger/m08-location.json"));
    expect(message).toMatchObject({ kind: "location", payload: { latitude: 1.2, longitude: -1.3 }, attachments: [] });
  },
  "messenger/m09-fallback-link-share.json": async () => {
    const message = single(await replayMessenger("messenger/m09-fallback-link-share.json"));
    expect(message).toMatchObject({ text: "This is where I want to go: https://youtu.be/bbo_fZAjIhg", kind: "text" });
    expect(message.attachments.every((attachment) => attachment.url.startsWith("http"))).toBe(true);
  },
  "messenger/m10-sticker-like-real.json": async () => {
    const message = single(await replayMessenger("messenger/m10-sticker-like-real.json"));
    expect(message.kind).toBe("sticker");
    expect((message.payload as { url: string }).url).toMatch(/^https:\/\/scontent\.xx\.fbcdn\.net\//);
    expect(message.attachments).toEqual([]);
  },
  "messenger/m11-sticker-new-attachment-type.json": async () => {
    const message = single(await replayMessenger("messenger/m11-sticker-new-attachment-type.json"));
    // "<STICKER_URL>" is not http(s): the word "Sticker" stands for it.
    expect(message).toMatchObject({ kind: "sticker", payload: null, attachments: [] });
  },
  "messenger/m12-quick-reply.json": async () => {
    const message = single(await replayMessenger("messenger/m12-quick-reply.json"));
    expect(message.text).toBe("Red");
    expect(message.payload).toEqual({ buttonPayload: expect.any(String) });
  },
  "messenger/m13-reply-to.json": async () => {
    const message = single(await replayMessenger("messenger/m13-reply-to.json"));
    expect(message).toMatchObject({ text: "hello, world!", replyToProviderMessageId: "m_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU" });
  },
  "messenger/m14-postback-get-started-referral.json": async () => {
    const message = single(await replayMessenger("messenger/m14-postback-get-started-referral.json"));
    expect(message).toMatchObject({ direction: "inbound", text: "Get Started", payload: { buttonPayload: "__GET_STARTED__" } });
    const activities = await activitiesOf(message.conversationId);
    expect(activities.map((a) => [a.kind, a.detail])).toEqual([["referral", { source: "SHORTLINK · aaaa" }]]);
    // A retry of the same tap (no mid) stays one message.
    await expectNothingStored(() => replayMessenger("messenger/m14-postback-get-started-referral.json"));
  },
  "messenger/m15-referral-mme-link.json": async () => {
    // No conversation with this person yet: nothing to put the line in.
    await expectNothingStored(() => replayMessenger("messenger/m15-referral-mme-link.json"));
    const psid = "1476077111119289";
    await deliver("messenger", messenger.id, messengerRequest(messenger, [{ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid: freshMid(), text: "hi" } }]));
    const conversation = (await liveConversation(messenger.id, psid))!;
    const outcome = await replayMessenger("messenger/m15-referral-mme-link.json");
    expect(outcome).toEqual({ status: 200, created: [] });
    expect((await activitiesOf(conversation.id)).map((a) => [a.kind, a.detail])).toEqual([["referral", { source: "SHORTLINK · aaaa" }]]);
  },
  "messenger/m16-message-edit.json": async () => {
    // Numeric ids; the edited mid is not in this app: 200 and nothing changes.
    await expectNothingStored(() => replayMessenger("messenger/m16-message-edit.json"));
    const original = await inboundToScenario("987654321432", "mid.1457764197618:41d102a3e1ae206a38", "helo wrld");
    const outcome = await replayMessenger("messenger/m16-message-edit.json", { app: scenario });
    expect(outcome).toEqual({ status: 200, created: [] });
    const edited = await reload(original.id);
    expect(edited.text).toBe("hello, world!");
    expect(edited.editedAt).toBeInstanceOf(Date);
  },
  "messenger/m17-reaction-react.json": async () => {
    await expectNothingStored(() => replayMessenger("messenger/m17-reaction-react.json"));
    const target = await inboundToScenario("USER_ID", "original_message_id", "See you tomorrow");
    expect(await replayMessenger("messenger/m17-reaction-react.json", { app: scenario })).toEqual({ status: 200, created: [] });
    expect((await reload(target.id)).reaction).toBe("😢");
  },
  "messenger/m18-reaction-unreact.json": async () => {
    await expectNothingStored(() => replayMessenger("messenger/m18-reaction-unreact.json"));
    expect(await replayMessenger("messenger/m18-reaction-unreact.json", { app: scenario })).toEqual({ status: 200, created: [] });
    const db = await getDb();
    const [target] = await db.select().from(messages).where(and(eq(messages.appId, scenario.id), eq(messages.providerMessageId, "original_message_id")));
    expect(target!.reaction).toBeNull();
  },
  "messenger/m19-delivery-with-mids.json": async () => {
    await expectNothingStored(() => replayMessenger("messenger/m19-delivery-with-mids.json"));
    const sent = await outboundTo(messenger, "USER_ID", "mid.1458668856218:ed81099e15d3f4f233", new Date(1458668856218));
    expect(await replayMessenger("messenger/m19-delivery-with-mids.json")).toEqual({ status: 200, created: [] });
    expect((await reload(sent.id)).state).toBe("delivered");
  },
  "messenger/m20-delivery-watermark-only.json": async () => {
    const sent = await outboundTo(messenger, "USER_ID", freshMid(), new Date(1458668856000));
    const later = await outboundTo(messenger, "USER_ID", freshMid(), new Date(1458668857000));
    expect(await replayMessenger("messenger/m20-delivery-watermark-only.json")).toEqual({ status: 200, created: [] });
    expect((await reload(sent.id)).state).toBe("delivered");
    // After the watermark: not yet.
    expect((await reload(later.id)).state).toBe("sent");
  },
  "messenger/m21-read.json": async () => {
    const sent = await outboundTo(messenger, "USER_ID", freshMid(), new Date(1458668856100));
    expect(await replayMessenger("messenger/m21-read.json")).toEqual({ status: 200, created: [] });
    expect((await reload(sent.id)).state).toBe("read");
  },
  "messenger/m22-echo-text-metadata.json": async () => {
    const message = single(await replayMessenger("messenger/m22-echo-text-metadata.json"));
    expect(message).toMatchObject({ direction: "outbound", text: "hello, text message world!" });
    expect((await conversationOf(message)).externalContactId).toBe("USER_ID");
    expect(await liveConversation(messenger.id, PAGE_ID)).toBeNull();
  },
  "messenger/m23-echo-template-real.json": async () => {
    const message = single(await replayMessenger("messenger/m23-echo-template-real.json"));
    expect(message).toMatchObject({ direction: "outbound", kind: "template", payload: { title: "Samsung Gear VR, Oculus Rift" } });
    expect((await conversationOf(message)).externalContactId).toBe("1256299999730577");
  },
  "messenger/m24-standby-echo.json": async () => {
    // Same mid as m22 (INDEX.md): one copy.
    await expectNothingStored(() => replayMessenger("messenger/m24-standby-echo.json"));
  },
  "messenger/m25-optin-user-ref-no-sender.json": () => expectNothingStored(() => replayMessenger("messenger/m25-optin-user-ref-no-sender.json")),
  "messenger/m26-optin-notification-messages.json": () => expectNothingStored(() => replayMessenger("messenger/m26-optin-notification-messages.json")),
  "messenger/m27-batch-two-entries.json": async () => {
    const outcome = await replayMessenger("messenger/m27-batch-two-entries.json");
    expect(outcome.status).toBe(200);
    expect(outcome.created.map((m) => m.text).sort()).toEqual(["test 1", "test 2"]);
    expect(new Set(outcome.created.map((m) => m.conversationId)).size).toBe(1);
  },
  "messenger/m28-dashboard-test-ping-changes.json": () => expectNothingStored(() => replayMessenger("messenger/m28-dashboard-test-ping-changes.json")),
  "messenger/m29-entry-without-messaging.json": () => expectNothingStored(() => replayMessenger("messenger/m29-entry-without-messaging.json")),

  "whatsapp/w01-text-full-geo-fields.form": async () => {
    const message = single(await replayWhatsapp("whatsapp/w01-text-full-geo-fields.form"));
    expect(message.text).toBe("Msg");
    expect(await conversationOf(message)).toMatchObject({ externalContactId: "whatsapp:+14133881111", contactName: "whatsapp:+14133881111" });
  },
  "whatsapp/w02-text-profilename-waid.form": async () => {
    const message = single(await replayWhatsapp("whatsapp/w02-text-profilename-waid.form"));
    expect(message.text).toBe("Test whatsapp msg");
    expect((await conversationOf(message)).contactName).toBe("PNaaaaa");
  },
  "whatsapp/w03-image-empty-body.form": async () => {
    const message = single(await replayWhatsapp("whatsapp/w03-image-empty-body.form"));
    expect(message.text).toBe("");
    expect(message.attachments).toEqual([
      {
        type: "image",
        contentType: "image/jpeg",
        url: "https://api.twilio.com/2010-04-01/Accounts/AC1a03647d811fab342c0ad608e382fab2/Messages/MM21151abfaadc1fb79b782f8460862a52/Media/ME5f0afa2336bd0f73ca553fb5a2e3150bc",
      },
    ]);
  },
  "whatsapp/w04-two-media.form": async () => {
    // As upstream wrote it (an SMS-channel test: From lacks `whatsapp:`), it is not a WhatsApp sender.
    const before = await countAllRows();
    expect((await replayWhatsapp("whatsapp/w04-two-media.form")).status).toBe(400);
    expect(await countAllRows()).toEqual(before);
    // With the prefix added (INDEX.md allows it) the media path is exercised; SmsSid stands in for MessageSid.
    const message = single(await replayWhatsapp("whatsapp/w04-two-media.form", { From: "whatsapp:+12345" }));
    expect(message.text).toBe("testing multiple media");
    expect(message.attachments.map((a) => [a.type, new URL(a.url).pathname.split("/").pop()])).toEqual([
      ["image", "sample.png"],
      ["image", "sample.jpg"],
    ]);
  },
  "whatsapp/w05-location-address-label.form": async () => {
    const message = single(await replayWhatsapp("whatsapp/w05-location-address-label.form"));
    expect(message).toMatchObject({
      text: "",
      kind: "location",
      payload: { name: "Microsoft", address: "Evert van de Beekstraat 354, Schiphol, North Holland 1118 CZ" },
    });
    const { latitude, longitude } = message.payload as { latitude: number; longitude: number };
    expect(latitude).toBeCloseTo(52.3039, 4);
    expect(longitude).toBeCloseTo(4.75, 4);
    expect((await conversationOf(message)).lastMessagePreview).toBe("Microsoft, Evert van de Beekstraat 354, Schiphol, North Holland 1118 CZ");
  },
  "whatsapp/w06-profilename-unicode.form": async () => {
    await expectNothingStored(() => replayWhatsapp("whatsapp/w06-profilename-unicode.form"));
    const message = single(await replayWhatsapp("whatsapp/w06-profilename-unicode.form", { SmsSid: freshSid() }));
    expect(message.text).toBe("Test message from Brazil");
    expect((await conversationOf(message)).contactName).toBe("João Silva");
  },
  "whatsapp/w07-reply-original-replied.form": async () => {
    const message = single(await replayWhatsapp("whatsapp/w07-reply-original-replied.form"));
    expect(message).toMatchObject({ text: "Nice", replyToProviderMessageId: "MM3c146d6483ab26bddabeeedf9565afea" });
    expect((await conversationOf(message)).contactName).toBe("Test User");
  },
  "whatsapp/w08-button-text.form": async () => {
    await expectNothingStored(() => replayWhatsapp("whatsapp/w08-button-text.form"));
    const message = single(await replayWhatsapp("whatsapp/w08-button-text.form", { MessageSid: freshSid() }));
    expect(message.text).toBe("Confirm");
  },
  "whatsapp/w09-button-payload-replied.form": async () => {
    const message = single(await replayWhatsapp("whatsapp/w09-button-payload-replied.form"));
    expect(message).toMatchObject({ text: "Antworten", payload: { buttonPayload: "Antworten-Payload" } });
    expect((await conversationOf(message)).contactName).toBe("Matthew Rider");
  },
  "whatsapp/w10-interactive-forwarded-channelmetadata.form": async () => {
    const message = single(await replayWhatsapp("whatsapp/w10-interactive-forwarded-channelmetadata.form"));
    expect(message).toMatchObject({ text: "Konfirmasi", payload: { buttonPayload: "{verifyEmail:asd@asd.com}" } });
    expect((await conversationOf(message)).contactName).toBe("teknisee");
  },
  "whatsapp/w11-ctwa-referral.form": async () => {
    await expectNothingStored(() => replayWhatsapp("whatsapp/w11-ctwa-referral.form"));
    const message = single(await replayWhatsapp("whatsapp/w11-ctwa-referral.form", { SmsSid: freshSid() }));
    expect(message.text).toBe("Hallo! Kann ich hierzu mehr Informationen erhalten?");
    const activities = await activitiesOf(message.conversationId);
    expect(activities.map((a) => [a.kind, a.detail])).toEqual([["referral", { source: "German citizenship lawyer", url: "https://fb.me/4tBfhWhjr" }]]);
  },
  "whatsapp/w12-bsuid-no-phone.form": async () => {
    await expectNothingStored(() => replayWhatsapp("whatsapp/w12-bsuid-no-phone.form"));
    const message = single(await replayWhatsapp("whatsapp/w12-bsuid-no-phone.form", { MessageSid: freshSid() }));
    expect(message.text).toBe("Msg");
    expect((await conversationOf(message)).externalContactId).toBe("whatsapp:US.1234");
  },
  ...statusExpectation("whatsapp/w13-status-sent.form", "sent"),
  ...statusExpectation("whatsapp/w14-status-delivered-eventtype.form", "delivered"),
  ...statusExpectation("whatsapp/w15-status-read-eventtype.form", "read"),
  // w16/w17 reuse w09's inbound sid ("someValidMessageSid"): a fresh one, so each callback has its own outbound message.
  ...statusExpectation("whatsapp/w16-status-failed-errormessage.form", "failed", /60228/, true),
  ...statusExpectation("whatsapp/w17-status-undelivered-63016.form", "failed", /63016|window|template/i, true),
};

/** Unknown sid: 200 and nothing; then with our outbound message of that sid, its new state. */
function statusExpectation(file: string, state: string, reason?: RegExp, freshId = false) {
  return {
    [file]: async () => {
      await expectNothingStored(() => replayWhatsapp(file));
      const form = whatsappForm(file);
      const sid = freshId ? freshSid() : (form.MessageSid as string);
      const sent = await outboundTo(whatsapp, form.To as string, sid);
      const outcome = await replayWhatsapp(file, freshId ? { MessageSid: sid, SmsSid: sid } : {});
      expect(outcome).toEqual({ status: 200, created: [] });
      const after = await reload(sent.id);
      expect(after.state).toBe(state);
      if (reason) expect(after.failureReason).toMatch(reason);
    },
  };
}

describe("every real provider payload in ../shared/fixtures/webhooks", () => {
  it("has an expectation for each file, and each expectation a file", () => {
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(46);
    expect(fixtureFiles.filter((file) => !expectations[file])).toEqual([]);
    expect(Object.keys(expectations).filter((file) => !fixtureFiles.includes(file))).toEqual([]);
  });

  it.each(fixtureFiles)("%s", async (file) => {
    await expectations[file]!();
  });
});
