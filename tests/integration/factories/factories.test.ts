import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/index";
import { appAccess, conversations } from "@/db/schema";
import { verifyPassword } from "@/lib/crypto/password";
import { openJson } from "@/lib/crypto/secret-box";
import {
  createApp,
  createConversation,
  createMessage,
  createUser,
  createWorkspace,
  DEFAULT_PASSWORD,
} from "@/tests/factories";

describe("factories", () => {
  it("create users with unique emails and the default password", async () => {
    const workspace = await createWorkspace();
    const [first, second] = await Promise.all([createUser({ workspace }), createUser({ workspace })]);

    expect(first.email).not.toBe(second.email);
    expect(first).toMatchObject({ workspaceId: workspace.id, role: "member", isActive: true, isAvailable: true });
    expect(await verifyPassword(DEFAULT_PASSWORD, first.passwordHash!)).toBe(true);
  });

  it("seal the app's credentials and return them in plain form", async () => {
    const installer = await createUser({ role: "admin" });
    const whatsapp = await createApp({ installer, provider: "whatsapp" });
    const messenger = await createApp({ installer, credentials: { appSecret: "s3cret" } });

    expect(openJson(whatsapp.encryptedCredentials)).toEqual(whatsapp.credentials);
    expect(whatsapp.externalAccountId).toBe(whatsapp.credentials.sender);
    expect(whatsapp.credentials.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(messenger.credentials.appSecret).toBe("s3cret");
    expect(messenger.verifyToken).toBeTruthy();
    expect(messenger).toMatchObject({ workspaceId: installer.workspaceId, installerId: installer.id, accessMode: "everyone" });
  });

  it("put chosen members on the access list", async () => {
    const installer = await createUser({ role: "admin" });
    const member = await createUser({ workspace: { id: installer.workspaceId } });
    const app = await createApp({ installer, members: [member] });

    const rows = await (await getDb()).select().from(appAccess).where(eq(appAccess.appId, app.id));
    expect(app.accessMode).toBe("chosen");
    expect(rows).toEqual([{ appId: app.id, userId: member.id }]);
  });

  it("move the conversation's last activity forward when a message is stored", async () => {
    const app = await createApp();
    const conversation = await createConversation({ app, lastActivityAt: new Date("2026-01-01T10:00:00.000Z") });
    await createMessage({ conversation, text: "newer", occurredAt: new Date("2026-01-01T11:00:00.000Z") });
    await createMessage({ conversation, text: "older", occurredAt: new Date("2026-01-01T09:00:00.000Z") });

    const [row] = await (await getDb()).select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(row).toMatchObject({
      lastActivityAt: new Date("2026-01-01T11:00:00.000Z"),
      lastMessageAt: new Date("2026-01-01T11:00:00.000Z"),
      lastMessagePreview: "newer",
    });
  });
});
