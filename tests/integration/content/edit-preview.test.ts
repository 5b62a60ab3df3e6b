import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { conversations } from "@/db/schema";
import { createApp, createUser, createWorkspace, type CreatedApp } from "@/tests/factories";
import { conversationsOf, inboundEvent, newMid, newPsid, sendMessenger } from "@/tests/support/webhooks";

/** SPEC §14 edits: the list's preview line follows an edit of the newest message, and only of it. */

let app: CreatedApp<"messenger">;

beforeAll(async () => {
  const workspace = await createWorkspace();
  app = await createApp({ installer: await createUser({ workspace, role: "admin" }), provider: "messenger" });
});

const editEvent = (psid: string, mid: string, text: string) => ({
  sender: { id: psid },
  recipient: { id: app.credentials.pageId },
  timestamp: Date.now(),
  message_edit: { mid, text, num_edit: 1 },
});

async function previewOf(psid: string) {
  const conversation = (await conversationsOf(app)).find((row) => row.externalContactId === psid)!;
  const db = await getDb();
  const [row] = await db.select({ preview: conversations.lastMessagePreview }).from(conversations).where(eq(conversations.id, conversation.id));
  return row!.preview;
}

describe("editing a message and the conversation's preview", () => {
  it("shows the new text when the newest message is edited", async () => {
    const psid = newPsid();
    const mid = newMid();
    expect((await sendMessenger(app, [inboundEvent(app, psid, "helo wrld", { mid })])).status).toBe(200);
    expect(await previewOf(psid)).toBe("helo wrld");
    expect((await sendMessenger(app, [editEvent(psid, mid, "hello, world!")])).status).toBe(200);
    expect(await previewOf(psid)).toBe("hello, world!");
  });

  it("keeps the newer message's preview when an older one is edited", async () => {
    const psid = newPsid();
    const older = newMid();
    const now = Date.now();
    await sendMessenger(app, [inboundEvent(app, psid, "first", { mid: older, timestamp: now - 2000 })]);
    await sendMessenger(app, [inboundEvent(app, psid, "second", { timestamp: now - 1000 })]);
    await sendMessenger(app, [editEvent(psid, older, "first, edited")]);
    expect(await previewOf(psid)).toBe("second");
  });
});
