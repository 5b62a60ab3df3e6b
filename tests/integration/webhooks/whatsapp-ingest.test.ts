import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { messages } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { signedTwilioRequest } from "@/lib/webhooks/signed-requests";
import { createApp, createConversation, createMessage, type CreatedApp } from "@/tests/factories";
import {
  conversationsOf,
  countAllRows,
  deliver,
  jobQueuesOf,
  messagesOf,
  newMessageSid,
  newWhatsappNumber,
  postWebhook,
  sendWhatsapp,
  twilioRequest,
  twilioStatus,
  whatsappInbound,
} from "@/tests/support/webhooks";
import { notifyMessageJob } from "@/lib/notifications/notify-message-job";

let app: CreatedApp<"whatsapp">;

beforeEach(async () => {
  app = await createApp({ provider: "whatsapp" });
});

async function messageById(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row!;
}

describe("WhatsApp (Twilio) inbound webhooks", () => {
  it("start an Unassigned conversation named after ProfileName, with the message and its notification job", async () => {
    const from = newWhatsappNumber();

    const response = await sendWhatsapp(app, whatsappInbound(app, { from, profileName: "Ana Lopez", text: "Here is the photo" }));

    expect(response.status).toBe(200);
    const [conversation] = await conversationsOf(app);
    expect(conversation).toMatchObject({ externalContactId: from, contactName: "Ana Lopez", status: "open", assigneeId: null });
    expect(conversation!.lastMessagePreview).toBe("Here is the photo");
    const stored = await messagesOf(app);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ direction: "inbound", state: "received", text: "Here is the photo", conversationId: conversation!.id });
    // WhatsApp gives the name itself: no profile lookup, only the message's notification.
    expect(await jobQueuesOf(app)).toEqual({ [notifyMessageJob.queue]: 1 });
  });

  it("name the contact by number without ProfileName, and by the newest ProfileName once one arrives", async () => {
    const from = newWhatsappNumber();

    await sendWhatsapp(app, whatsappInbound(app, { from }));
    expect((await conversationsOf(app))[0]!.contactName).toBe(from);
    await sendWhatsapp(app, whatsappInbound(app, { from, profileName: "Ana López" }));

    const conversations = await conversationsOf(app);
    expect(conversations).toHaveLength(1);
    expect(conversations[0]!.contactName).toBe("Ana López");
    expect(await messagesOf(app)).toHaveLength(2);
  });

  it("keep media as links with their content types, and drop a javascript: MediaUrl", async () => {
    const params = whatsappInbound(app, {
      text: "",
      extra: {
        NumMedia: "3",
        MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${app.credentials.accountSid}/Messages/MM1/Media/ME1`,
        MediaContentType0: "image/jpeg",
        MediaUrl1: `https://api.twilio.com/2010-04-01/Accounts/${app.credentials.accountSid}/Messages/MM1/Media/ME2`,
        MediaContentType1: "application/pdf",
        MediaUrl2: "javascript:alert(1)",
        MediaContentType2: "image/png",
      },
    });

    const response = await sendWhatsapp(app, params);

    expect(response.status).toBe(200);
    const [stored] = await messagesOf(app);
    expect(stored!.attachments).toEqual([
      { type: "image", url: params.MediaUrl0, contentType: "image/jpeg" },
      { type: "file", url: params.MediaUrl1, contentType: "application/pdf" },
    ]);
  });

  it("keep NumMedia=2 with audio and video as typed links", async () => {
    const params = whatsappInbound(app, {
      extra: {
        NumMedia: "2",
        MediaUrl0: "https://api.twilio.com/media/voice",
        MediaContentType0: "audio/ogg",
        MediaUrl1: "https://api.twilio.com/media/clip",
        MediaContentType1: "video/mp4",
      },
    });

    await sendWhatsapp(app, params);

    const [stored] = await messagesOf(app);
    expect(stored!.attachments.map((a) => [a.type, a.contentType])).toEqual([
      ["audio", "audio/ogg"],
      ["video", "video/mp4"],
    ]);
  });

  it("keep a Body with +, &, =, %, emoji, diacritics and line breaks exactly as sent", async () => {
    const text = "1 + 1 = 2 & 50 % off?\nŽluťoučký kůň 🐴 <b>bold</b>";

    expect((await sendWhatsapp(app, whatsappInbound(app, { text, profileName: "Jiří Č." }))).status).toBe(200);

    expect((await messagesOf(app)).map((m) => m.text)).toEqual([text]);
    expect((await conversationsOf(app))[0]!.contactName).toBe("Jiří Č.");
  });

  it("accept a signature over the webhook URL with a query string", async () => {
    const signed = signedTwilioRequest({
      baseUrl: appUrl(),
      path: `/api/webhooks/whatsapp/${app.id}?source=console&note=it's`,
      authToken: app.credentials.authToken,
      params: whatsappInbound(app, { text: "via a URL with a query" }),
    });

    const response = await postWebhook("whatsapp", app.id, { headers: signed.headers, body: signed.body, requestUrl: signed.url });

    expect(response.status).toBe(200);
    expect((await messagesOf(app)).map((m) => m.text)).toEqual(["via a URL with a query"]);
  });

  it("store a replayed request ×10 as one message with one set of jobs", async () => {
    const request = twilioRequest(app, whatsappInbound(app, { text: "once only" }));

    for (let i = 0; i < 10; i++) {
      expect((await deliver("whatsapp", app.id, request)).status).toBe(200);
    }

    expect((await messagesOf(app)).map((m) => m.text)).toEqual(["once only"]);
    expect(await conversationsOf(app)).toHaveLength(1);
    expect(await jobQueuesOf(app)).toEqual({ [notifyMessageJob.queue]: 1 });
  });
});

describe("Twilio status callbacks", () => {
  async function outbound(state: "sent" | "delivered" | "read" = "sent") {
    const conversation = await createConversation({ app });
    const sid = newMessageSid();
    const message = await createMessage({ conversation, direction: "outbound", providerMessageId: sid, state });
    const status = (status: string, extra: { errorCode?: string; errorMessage?: string } = {}) =>
      sendWhatsapp(app, twilioStatus(app, { messageSid: sid, status, to: conversation.externalContactId, ...extra }), {
        route: "whatsapp-status",
      });
    return { message, status };
  }

  it("move an outbound message from delivered to read", async () => {
    const { message, status } = await outbound();

    expect((await status("delivered")).status).toBe(200);
    expect((await messageById(message.id)).state).toBe("delivered");
    expect((await status("read")).status).toBe(200);
    expect((await messageById(message.id)).state).toBe("read");
  });

  it("keep read when delivered arrives after read", async () => {
    const { message, status } = await outbound();

    await status("read");
    expect((await status("delivered")).status).toBe(200);
    expect((await status("sent")).status).toBe(200);

    expect((await messageById(message.id)).state).toBe("read");
  });

  it("record failed with error 63016 as a refusal that names the 24-hour window, and keep it failed", async () => {
    const { message, status } = await outbound();

    expect((await status("failed", { errorCode: "63016" })).status).toBe(200);
    await status("delivered");

    const after = await messageById(message.id);
    expect(after.state).toBe("failed");
    expect(after.failureReason).toMatch(/24-hour/);
  });

  it("record undelivered with Twilio's ErrorMessage as failed", async () => {
    const { message, status } = await outbound();

    await status("undelivered", { errorCode: "30008", errorMessage: "Unknown error" });

    expect(await messageById(message.id)).toMatchObject({ state: "failed", failureReason: "Unknown error (Twilio error 30008)" });
  });

  it("ignore the statuses before sent (queued, sending)", async () => {
    const { message, status } = await outbound();

    expect((await status("queued")).status).toBe(200);
    expect((await status("sending")).status).toBe(200);

    expect((await messageById(message.id)).state).toBe("sent");
  });

  it("answer 200 for an unknown MessageSid and store nothing", async () => {
    await outbound();
    const before = await countAllRows();
    const snapshot = await messagesOf(app);

    const response = await sendWhatsapp(app, twilioStatus(app, { messageSid: newMessageSid(), status: "delivered" }), {
      route: "whatsapp-status",
    });

    expect(response.status).toBe(200);
    expect(await countAllRows()).toEqual(before);
    expect(await messagesOf(app)).toEqual(snapshot);
  });

  it("never move another app's message with the same MessageSid", async () => {
    const other = await createApp({ provider: "whatsapp" });
    const conversation = await createConversation({ app: other });
    const sid = newMessageSid();
    const theirs = await createMessage({ conversation, direction: "outbound", providerMessageId: sid });

    const response = await sendWhatsapp(app, twilioStatus(app, { messageSid: sid, status: "read" }), { route: "whatsapp-status" });

    expect(response.status).toBe(200);
    expect((await messageById(theirs.id)).state).toBe("sent");
  });

  it("never move an inbound message", async () => {
    const from = newWhatsappNumber();
    const sid = newMessageSid();
    await sendWhatsapp(app, whatsappInbound(app, { from, messageSid: sid }));

    await sendWhatsapp(app, twilioStatus(app, { messageSid: sid, status: "read", to: from }), { route: "whatsapp-status" });

    expect((await messagesOf(app))[0]!.state).toBe("received");
  });
});
