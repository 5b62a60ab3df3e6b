import { afterEach, describe, expect, it } from "vitest";
import { subscribeToEvents, waitUntilListening } from "@/lib/realtime/bus";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { createApp, createConversation, createMessage } from "@/tests/factories";
import {
  conversationsOf,
  messagesOf,
  newMessageSid,
  newWhatsappNumber,
  sendWhatsapp,
  twilioStatus,
  whatsappInbound,
} from "@/tests/support/webhooks";

/** Live updates (spec §3) are NOTIFYs sent on commit; the webhook routes are where most start. */

const unsubscribers: Array<() => void> = [];

async function collectEvents(): Promise<RealtimeEvent[]> {
  const received: RealtimeEvent[] = [];
  unsubscribers.push(subscribeToEvents((event) => received.push(event)));
  await waitUntilListening();
  return received;
}

afterEach(async () => {
  unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
  await waitUntilListening();
});

/** NOTIFYs arrive asynchronously; a short pause lets any stray one arrive before asserting absence. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe("live events from webhooks", () => {
  it("announce a new conversation and its message to the app's workspace", async () => {
    const app = await createApp({ provider: "whatsapp" });
    const events = await collectEvents();

    expect((await sendWhatsapp(app, whatsappInbound(app))).status).toBe(200);

    const [conversation] = await conversationsOf(app);
    const [message] = await messagesOf(app);
    const scope = { workspaceId: app.workspaceId, appId: app.id, conversationId: conversation!.id };
    await expect.poll(() => events).toEqual([
      { type: "conversation.created", ...scope },
      { type: "message.created", ...scope, messageId: message!.id },
    ]);
  });

  it("announce nothing for a refused webhook", async () => {
    const app = await createApp({ provider: "whatsapp" });
    const events = await collectEvents();

    const response = await sendWhatsapp(app, whatsappInbound(app), { authToken: "forged" });

    expect(response.status).toBe(401);
    await settle();
    expect(events).toEqual([]);
  });

  it("announce a status callback as the message's new delivery state", async () => {
    const app = await createApp({ provider: "whatsapp" });
    const conversation = await createConversation({ app });
    const sid = newMessageSid();
    const message = await createMessage({ conversation, direction: "outbound", providerMessageId: sid });
    const events = await collectEvents();

    await sendWhatsapp(app, twilioStatus(app, { messageSid: sid, status: "delivered" }), { route: "whatsapp-status" });

    await expect.poll(() => events).toEqual([
      {
        type: "message.updated",
        workspaceId: app.workspaceId,
        appId: app.id,
        conversationId: conversation.id,
        messageId: message.id,
        deliveryState: "delivered",
      },
    ]);
  });

  it("announce a new ProfileName as a change of the contact", async () => {
    const app = await createApp({ provider: "whatsapp" });
    const from = newWhatsappNumber();
    await sendWhatsapp(app, whatsappInbound(app, { from, profileName: "Ana" }));
    const events = await collectEvents();

    await sendWhatsapp(app, whatsappInbound(app, { from, profileName: "Ana Lopez" }));

    await expect.poll(() => events.find((e) => e.type === "conversation.updated")).toMatchObject({
      changes: expect.arrayContaining(["contact", "lastActivity"]),
    });
  });
});
