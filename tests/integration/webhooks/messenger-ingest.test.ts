import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { messages } from "@/db/schema";
import { createApp, createConversation, createMessage, createUser, type CreatedApp } from "@/tests/factories";
import {
  conversationsOf,
  countAllRows,
  deliver,
  inboundEvent,
  jobQueuesOf,
  jobsOf,
  messagesOf,
  messengerEnvelope,
  messengerRequest,
  newMid,
  newPsid,
  sendMessenger,
  signedMessengerBody,
} from "@/tests/support/webhooks";
import { fetchMessengerProfileJob } from "@/lib/inbox/fetch-messenger-profile-job";
import { notifyMessageJob } from "@/lib/notifications/notify-message-job";

let app: CreatedApp<"messenger">;

beforeEach(async () => {
  app = await createApp({ provider: "messenger" });
});

const echoEvent = (psid: string, input: { mid?: string; text?: string; timestamp?: number } = {}) => ({
  sender: { id: app.credentials.pageId },
  recipient: { id: psid },
  timestamp: input.timestamp ?? Date.now(),
  message: { is_echo: true, app_id: 1517776481860111, mid: input.mid ?? newMid(), text: input.text ?? "Thanks, we are on it" },
});

const deliveryEvent = (psid: string, delivery: { mids?: string[]; watermark: number }) => ({
  sender: { id: psid },
  recipient: { id: app.credentials.pageId },
  delivery,
});

const readEvent = (psid: string, watermark: number) => ({
  sender: { id: psid },
  recipient: { id: app.credentials.pageId },
  timestamp: Date.now(),
  read: { watermark },
});

async function stateOf(mid: string) {
  const db = await getDb();
  const [row] = await db.select().from(messages).where(eq(messages.providerMessageId, mid));
  return row?.state;
}

describe("Messenger webhooks", () => {
  it("take every message of a batch of 3 entries × 2 messages, for distinct contacts and the same contact", async () => {
    const [ana, ben, cyd] = [newPsid(), newPsid(), newPsid()];
    const t = Date.now() - 60_000;
    const event = (psid: string, text: string, at: number) => inboundEvent(app, psid, text, { timestamp: t + at });
    const body = messengerEnvelope(app, [
      [event(ana, "ana 1", 1), event(ana, "ana 2", 2)],
      [event(ben, "ben 1", 3), event(cyd, "cyd 1", 4)],
      [event(ana, "ana 3", 5), event(ben, "ben 2", 6)],
    ]);

    const response = await deliver("messenger", app.id, signedMessengerBody(app, body));

    expect(response.status).toBe(200);
    const stored = await messagesOf(app);
    expect(stored).toHaveLength(6);
    expect(stored.every((m) => m.direction === "inbound" && m.state === "received")).toBe(true);
    const conversations = await conversationsOf(app);
    expect(conversations.map((c) => c.externalContactId).sort()).toEqual([ana, ben, cyd].sort());
    const threadOf = (psid: string) => {
      const conversation = conversations.find((c) => c.externalContactId === psid)!;
      return stored.filter((m) => m.conversationId === conversation.id).map((m) => m.text);
    };
    expect(threadOf(ana)).toEqual(["ana 1", "ana 2", "ana 3"]);
    expect(threadOf(ben)).toEqual(["ben 1", "ben 2"]);
    expect(threadOf(cyd)).toEqual(["cyd 1"]);
    // Every new conversation is Unassigned, named by its PSID until the profile job runs.
    for (const conversation of conversations) {
      expect(conversation).toMatchObject({ status: "open", assigneeId: null, contactName: conversation.externalContactId });
    }
    expect(conversations.find((c) => c.externalContactId === ana)!.lastMessagePreview).toBe("ana 3");
    // One profile lookup per new conversation, one notification per inbound message, all queued.
    const jobs = await jobsOf(app);
    expect(jobs).toHaveLength(9);
    expect(jobs.every((job) => job.status === "queued")).toBe(true);
    const payloadsOf = (queue: string, key: string) => jobs.filter((job) => job.queue === queue).map((job) => job.payload[key]).sort();
    expect(payloadsOf(fetchMessengerProfileJob.queue, "conversationId")).toEqual(conversations.map((c) => c.id).sort());
    expect(payloadsOf(notifyMessageJob.queue, "messageId")).toEqual(stored.map((m) => m.id).sort());
  });

  it("store a replayed request ×10 as one message with one set of jobs", async () => {
    const request = messengerRequest(app, [inboundEvent(app, newPsid(), "once only")]);

    expect((await deliver("messenger", app.id, request)).status).toBe(200);
    const firstJobs = await jobQueuesOf(app);
    for (let i = 1; i < 10; i++) {
      expect((await deliver("messenger", app.id, request)).status).toBe(200);
    }

    expect((await messagesOf(app)).map((m) => m.text)).toEqual(["once only"]);
    expect(await conversationsOf(app)).toHaveLength(1);
    expect(firstJobs).toEqual({ [fetchMessengerProfileJob.queue]: 1, [notifyMessageJob.queue]: 1 });
    expect(await jobQueuesOf(app)).toEqual(firstJobs);
  });

  it("store the same request replayed 10 times at once as one message with one set of jobs", async () => {
    const request = messengerRequest(app, [inboundEvent(app, newPsid(), "raced")]);

    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver("messenger", app.id, request)));

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect((await messagesOf(app)).map((m) => m.text)).toEqual(["raced"]);
    expect(await conversationsOf(app)).toHaveLength(1);
    expect(await jobQueuesOf(app)).toEqual({ [fetchMessengerProfileJob.queue]: 1, [notifyMessageJob.queue]: 1 });
  });

  it("store an echo as one outbound message without a sender user, in the contact's conversation", async () => {
    const psid = newPsid();
    await sendMessenger(app, [inboundEvent(app, psid, "Hi")]);
    const mid = newMid();

    const response = await sendMessenger(app, [echoEvent(psid, { mid, text: "Sent from Meta's inbox" })]);

    expect(response.status).toBe(200);
    const stored = await messagesOf(app);
    expect(stored).toHaveLength(2);
    const echo = stored.find((m) => m.providerMessageId === mid)!;
    expect(echo).toMatchObject({ direction: "outbound", senderUserId: null, state: "sent", text: "Sent from Meta's inbox" });
    const [conversation] = await conversationsOf(app);
    expect(conversation!.externalContactId).toBe(psid);
    expect(echo.conversationId).toBe(conversation!.id);
  });

  it("keep a reply sent from this inbox as that one message when its echo arrives", async () => {
    const alice = await createUser({ workspace: { id: app.workspaceId }, role: "admin" });
    const conversation = await createConversation({ app, assignee: alice });
    const mid = newMid();
    const reply = await createMessage({ conversation, direction: "outbound", sender: alice, providerMessageId: mid, text: "Our reply" });

    const response = await sendMessenger(app, [echoEvent(conversation.externalContactId, { mid, text: "Our reply" })]);

    expect(response.status).toBe(200);
    const stored = await messagesOf(app);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: reply.id, senderUserId: alice.id, direction: "outbound" });
  });

  it("do not reopen a closed conversation for an echo", async () => {
    const conversation = await createConversation({ app, status: "closed" });

    await sendMessenger(app, [echoEvent(conversation.externalContactId)]);

    const [after] = await conversationsOf(app);
    expect(after!.status).toBe("closed");
  });

  describe("delivery and read events", () => {
    async function outbound() {
      const psid = newPsid();
      const at = Date.now() - 10_000;
      const mid = newMid();
      await sendMessenger(app, [inboundEvent(app, psid, "question", { timestamp: at - 1_000 }), echoEvent(psid, { mid, timestamp: at })]);
      return { psid, mid, at };
    }

    it("move an echo from delivered (by mids) to read (by watermark)", async () => {
      const { psid, mid, at } = await outbound();

      expect((await sendMessenger(app, [deliveryEvent(psid, { mids: [mid], watermark: at })])).status).toBe(200);
      expect(await stateOf(mid)).toBe("delivered");
      expect((await sendMessenger(app, [readEvent(psid, at)])).status).toBe(200);
      expect(await stateOf(mid)).toBe("read");
    });

    it("keep read when the delivery arrives after the read", async () => {
      const { psid, mid, at } = await outbound();

      await sendMessenger(app, [readEvent(psid, at)]);
      await sendMessenger(app, [deliveryEvent(psid, { mids: [mid], watermark: at })]);

      expect(await stateOf(mid)).toBe("read");
    });

    it("mark delivered by watermark alone, up to the watermark and not beyond", async () => {
      const { psid, mid, at } = await outbound();
      const later = newMid();
      await sendMessenger(app, [echoEvent(psid, { mid: later, timestamp: at + 5_000 })]);

      await sendMessenger(app, [deliveryEvent(psid, { watermark: at })]);

      expect(await stateOf(mid)).toBe("delivered");
      expect(await stateOf(later)).toBe("sent");
    });

    it("never touch inbound messages, nor another contact's messages", async () => {
      const { psid, at } = await outbound();
      const other = await outbound();

      await sendMessenger(app, [readEvent(psid, at + 60_000)]);

      const stored = await messagesOf(app);
      expect(stored.filter((m) => m.direction === "inbound").every((m) => m.state === "received")).toBe(true);
      expect(await stateOf(other.mid)).toBe("sent");
    });

    it("store nothing for a delivery of unknown mids", async () => {
      const before = await countAllRows();

      const response = await sendMessenger(app, [deliveryEvent(newPsid(), { mids: [newMid()], watermark: Date.now() })]);

      expect(response.status).toBe(200);
      expect(await countAllRows()).toEqual(before);
    });
  });

  it("keep image, video, audio and file attachments as links with their types, and drop a javascript: URL", async () => {
    const psid = newPsid();
    const event = {
      ...inboundEvent(app, psid),
      message: {
        mid: newMid(),
        attachments: [
          { type: "image", payload: { url: "https://scontent.xx.fbcdn.net/v/t1.15752-9/abc.jpg" } },
          { type: "file", payload: { url: "https://cdn.fbsbx.com/v/t59/offer.pdf" } },
          { type: "video", payload: { url: "https://video.xx.fbcdn.net/v/clip.mp4" } },
          { type: "audio", payload: { url: "https://cdn.fbsbx.com/v/voice.mp4" } },
          { type: "image", payload: { url: "javascript:alert(document.cookie)" } },
          { type: "file", payload: { url: "data:text/html,<script>alert(1)</script>" } },
          { type: "fallback", payload: null },
        ],
      },
    };

    const response = await sendMessenger(app, [event]);

    expect(response.status).toBe(200);
    const [stored] = await messagesOf(app);
    expect(stored!.attachments).toEqual([
      { type: "image", url: "https://scontent.xx.fbcdn.net/v/t1.15752-9/abc.jpg" },
      { type: "file", url: "https://cdn.fbsbx.com/v/t59/offer.pdf" },
      { type: "video", url: "https://video.xx.fbcdn.net/v/clip.mp4" },
      { type: "audio", url: "https://cdn.fbsbx.com/v/voice.mp4" },
    ]);
    expect(JSON.stringify(stored!.attachments)).not.toMatch(/javascript:|data:/);
  });

  it("accept a body with unicode escaped (as Meta signs it) and one in raw UTF-8", async () => {
    const text = "Dobrý den 👋 — máte volno?";
    const escaped = JSON.stringify(messengerEnvelope(app, [[inboundEvent(app, newPsid(), text)]])).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
    expect(escaped).not.toContain("ý");

    expect((await deliver("messenger", app.id, signedMessengerBody(app, escaped))).status).toBe(200);
    expect((await sendMessenger(app, [inboundEvent(app, newPsid(), text)])).status).toBe(200);

    expect((await messagesOf(app)).map((m) => m.text)).toEqual([text, text]);
  });

  it("take two concurrent batches naming the same contacts in opposite orders", async () => {
    const [ana, ben] = [newPsid(), newPsid()];
    const batch = (first: string, second: string, tag: string) =>
      signedMessengerBody(app, messengerEnvelope(app, [[inboundEvent(app, first, `${tag} 1`)], [inboundEvent(app, second, `${tag} 2`)]]));

    const responses = await Promise.all(
      Array.from({ length: 4 }, (_, i) => deliver("messenger", app.id, i % 2 ? batch(ana, ben, `odd ${i}`) : batch(ben, ana, `even ${i}`))),
    );

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await messagesOf(app)).toHaveLength(8);
    expect(await conversationsOf(app)).toHaveLength(2);
  });

  it("take standby events (handover protocol) like messaging events", async () => {
    const body = {
      object: "page",
      entry: [{ id: app.credentials.pageId, time: Date.now(), standby: [inboundEvent(app, newPsid(), "while another app owns the thread")] }],
    };

    expect((await deliver("messenger", app.id, signedMessengerBody(app, body))).status).toBe(200);
    expect((await messagesOf(app)).map((m) => m.text)).toEqual(["while another app owns the thread"]);
  });
});
