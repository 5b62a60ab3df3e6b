import { eq } from "drizzle-orm";
import { beforeAll, afterEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { appAccess, messagingApps, type Workspace } from "@/db/schema";
import { withCredentials } from "@/lib/apps/credentials";
import { installApp, uninstallApp, updateApp } from "@/lib/apps/manage-apps";
import { installAppSchema, updateAppSchema, type InstallAppInput } from "@/lib/apps/schemas";
import { listAppsForSettings } from "@/lib/apps/settings-queries";
import { appUrl } from "@/lib/env";
import { listAccessibleApps } from "@/lib/apps/access";
import { actorOf, createApp, createUser, createWorkspace, subjectOf } from "@/tests/factories";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

const messengerInput = (overrides: Partial<InstallAppInput> = {}): InstallAppInput =>
  installAppSchema.parse({
    provider: "messenger",
    name: "Acme Page",
    accessMode: "everyone",
    credentials: { pageId: "1234567890", pageAccessToken: "EAAB-page-access-token-in-clear", appSecret: "app-secret-in-clear" },
    ...overrides,
  });

const whatsappInput = (overrides: Partial<InstallAppInput> = {}): InstallAppInput =>
  installAppSchema.parse({
    provider: "whatsapp",
    name: "Acme WhatsApp",
    accessMode: "everyone",
    credentials: {
      accountSid: `AC${"a1".repeat(16)}`,
      authToken: "twilio-auth-token-in-clear",
      sender: "whatsapp:+14155238886",
    },
    ...overrides,
  });

async function appsOf(workspace: Pick<Workspace, "id">) {
  return db.select().from(messagingApps).where(eq(messagingApps.workspaceId, workspace.id));
}

async function storedApp(appId: string) {
  const [app] = await db.select().from(messagingApps).where(eq(messagingApps.id, appId));
  return app!;
}

const closedBefore = process.env.CLOSED_PROVIDERS;
afterEach(() => {
  if (closedBefore === undefined) delete process.env.CLOSED_PROVIDERS;
  else process.env.CLOSED_PROVIDERS = closedBefore;
});

describe("installApp", () => {
  it("stores a Messenger app with sealed credentials, a verify token and its installer", async () => {
    const admin = await createUser({ role: "admin" });

    const result = await installApp(db, actorOf(admin), messengerInput());

    expect(result.ok).toBe(true);
    const app = await storedApp(result.ok ? result.value.appId : "");
    expect(app).toMatchObject({
      workspaceId: admin.workspaceId,
      provider: "messenger",
      name: "Acme Page",
      installerId: admin.id,
      externalAccountId: "1234567890",
      accessMode: "everyone",
      uninstalledAt: null,
    });
    expect(app.encryptedCredentials).not.toContain("EAAB-page-access-token-in-clear");
    expect(app.encryptedCredentials).not.toContain("app-secret-in-clear");
    expect(withCredentials(app).credentials).toEqual({
      pageId: "1234567890",
      pageAccessToken: "EAAB-page-access-token-in-clear",
      appSecret: "app-secret-in-clear",
    });
    expect(app.verifyToken).toMatch(/^[\w-]{24,}$/);
  });

  it("stores a WhatsApp app without a verify token and shows its URLs but never its credentials", async () => {
    const admin = await createUser({ role: "admin" });

    const result = await installApp(db, actorOf(admin), whatsappInput());

    const appId = result.ok ? result.value.appId : "";
    const app = await storedApp(appId);
    expect(app.verifyToken).toBeNull();
    expect(app.encryptedCredentials).not.toContain("twilio-auth-token-in-clear");
    const [view] = await listAppsForSettings(db, actorOf(admin));
    expect(view).toMatchObject({
      id: appId,
      externalAccountId: "whatsapp:+14155238886",
      installer: { id: admin.id, name: admin.name },
      webhookUrl: `${appUrl()}/api/webhooks/whatsapp/${appId}`,
      statusCallbackUrl: `${appUrl()}/api/webhooks/whatsapp/${appId}/status`,
      lastWebhookAt: null,
    });
    expect(JSON.stringify(view)).not.toContain("twilio-auth-token-in-clear");
    expect(view).not.toHaveProperty("encryptedCredentials");
  });

  it("refuses a member and stores nothing", async () => {
    const member = await createUser({ role: "member" });

    expect(await installApp(db, actorOf(member), messengerInput())).toEqual({ ok: false, reason: "not_admin" });
    expect(await appsOf({ id: member.workspaceId })).toEqual([]);
  });

  it("refuses WhatsApp while it is closed to new installs, and still installs Messenger", async () => {
    process.env.CLOSED_PROVIDERS = "whatsapp";
    const admin = await createUser({ role: "admin" });

    expect(await installApp(db, actorOf(admin), whatsappInput())).toEqual({ ok: false, reason: "provider_closed" });
    expect(await appsOf({ id: admin.workspaceId })).toEqual([]);
    expect((await installApp(db, actorOf(admin), messengerInput())).ok).toBe(true);
    expect((await appsOf({ id: admin.workspaceId })).map((app) => app.provider)).toEqual(["messenger"]);
  });

  it("refuses chosen users from another workspace and stores nothing", async () => {
    const admin = await createUser({ role: "admin" });
    const stranger = await createUser();

    const result = await installApp(db, actorOf(admin), messengerInput({ accessMode: "chosen", memberIds: [stranger.id] }));

    expect(result).toEqual({ ok: false, reason: "invalid_member" });
    expect(await appsOf({ id: admin.workspaceId })).toEqual([]);
  });

  it("refuses a deactivated user on the access list", async () => {
    const workspace = await createWorkspace();
    const admin = await createUser({ workspace, role: "admin" });
    const gone = await createUser({ workspace, isActive: false });

    const result = await installApp(db, actorOf(admin), messengerInput({ accessMode: "chosen", memberIds: [gone.id] }));

    expect(result).toEqual({ ok: false, reason: "invalid_member" });
    expect(await appsOf(workspace)).toEqual([]);
  });

  it("gives chosen users and the installer access, and nobody else", async () => {
    const workspace = await createWorkspace();
    const admin = await createUser({ workspace, role: "admin" });
    const chosen = await createUser({ workspace });
    const other = await createUser({ workspace });

    const result = await installApp(db, actorOf(admin), messengerInput({ accessMode: "chosen", memberIds: [chosen.id] }));

    const appId = result.ok ? result.value.appId : "";
    expect((await listAccessibleApps(db, subjectOf(chosen))).map((app) => app.id)).toEqual([appId]);
    expect((await listAccessibleApps(db, subjectOf(admin))).map((app) => app.id)).toEqual([appId]);
    expect(await listAccessibleApps(db, subjectOf(other))).toEqual([]);
    const [view] = await listAppsForSettings(db, actorOf(admin));
    expect(view).toMatchObject({ accessMode: "chosen", memberIds: [chosen.id] });
  });
});

describe("updateApp", () => {
  it("keeps saved secrets when the form leaves them empty", async () => {
    const app = await createApp({ provider: "messenger" });
    const admin = await createUser({ workspace: { id: app.workspaceId }, role: "admin" });
    const input = updateAppSchema.parse({
      appId: app.id,
      name: "Renamed Page",
      accessMode: "everyone",
      credentials: { pageId: "987654321", pageAccessToken: "", appSecret: "  " },
    });

    expect(await updateApp(db, actorOf(admin), input)).toEqual({ ok: true, value: { appId: app.id } });

    const stored = await storedApp(app.id);
    expect(stored).toMatchObject({ name: "Renamed Page", externalAccountId: "987654321", verifyToken: app.verifyToken });
    expect(withCredentials(stored).credentials).toEqual({ ...app.credentials, pageId: "987654321" });
  });

  it("replaces a secret the admin types and keeps the others", async () => {
    const app = await createApp({ provider: "whatsapp" });
    const admin = await createUser({ workspace: { id: app.workspaceId }, role: "admin" });
    const input = updateAppSchema.parse({
      appId: app.id,
      name: app.name,
      accessMode: "everyone",
      credentials: { authToken: "a-brand-new-auth-token", sender: app.credentials.sender },
    });

    expect((await updateApp(db, actorOf(admin), input)).ok).toBe(true);

    expect(withCredentials(await storedApp(app.id)).credentials).toEqual({ ...app.credentials, authToken: "a-brand-new-auth-token" });
  });

  it("replaces the access list", async () => {
    const workspace = await createWorkspace();
    const admin = await createUser({ workspace, role: "admin" });
    const [first, second] = await Promise.all([createUser({ workspace }), createUser({ workspace })]);
    const app = await createApp({ installer: admin, members: [first] });

    const input = updateAppSchema.parse({ appId: app.id, name: app.name, accessMode: "chosen", memberIds: [second.id] });
    expect((await updateApp(db, actorOf(admin), input)).ok).toBe(true);

    const access = await db.select().from(appAccess).where(eq(appAccess.appId, app.id));
    expect(access.map((row) => row.userId)).toEqual([second.id]);
  });

  it("still edits an installed WhatsApp app while WhatsApp is closed to new installs", async () => {
    process.env.CLOSED_PROVIDERS = "whatsapp";
    const app = await createApp({ provider: "whatsapp" });
    const admin = await createUser({ workspace: { id: app.workspaceId }, role: "admin" });

    const input = updateAppSchema.parse({ appId: app.id, name: "Still working", accessMode: "everyone" });

    expect((await updateApp(db, actorOf(admin), input)).ok).toBe(true);
    expect((await storedApp(app.id)).name).toBe("Still working");
  });

  it("refuses a member", async () => {
    const app = await createApp();
    const member = await createUser({ workspace: { id: app.workspaceId } });
    const input = updateAppSchema.parse({ appId: app.id, name: "Hijacked", accessMode: "everyone" });

    expect(await updateApp(db, actorOf(member), input)).toEqual({ ok: false, reason: "not_admin" });
    expect((await storedApp(app.id)).name).toBe(app.name);
  });
});

describe("uninstallApp", () => {
  it("hides the app from settings and from every inbox", async () => {
    const workspace = await createWorkspace();
    const admin = await createUser({ workspace, role: "admin" });
    const member = await createUser({ workspace });
    const app = await createApp({ installer: admin });
    const kept = await createApp({ installer: admin, provider: "whatsapp" });

    expect(await uninstallApp(db, actorOf(admin), app.id)).toEqual({ ok: true, value: { appId: app.id } });

    expect((await listAppsForSettings(db, actorOf(admin))).map((view) => view.id)).toEqual([kept.id]);
    expect((await listAccessibleApps(db, subjectOf(member))).map((row) => row.id)).toEqual([kept.id]);
    expect((await storedApp(app.id)).uninstalledAt).toBeInstanceOf(Date);
  });

  it("answers not_found the second time", async () => {
    const app = await createApp();
    const admin = await createUser({ workspace: { id: app.workspaceId }, role: "admin" });

    await uninstallApp(db, actorOf(admin), app.id);

    expect(await uninstallApp(db, actorOf(admin), app.id)).toEqual({ ok: false, reason: "not_found" });
  });

  it("refuses a member", async () => {
    const app = await createApp();
    const member = await createUser({ workspace: { id: app.workspaceId } });

    expect(await uninstallApp(db, actorOf(member), app.id)).toEqual({ ok: false, reason: "not_admin" });
    expect((await storedApp(app.id)).uninstalledAt).toBeNull();
  });
});

describe("another workspace's admin", () => {
  it("can neither update nor uninstall the app, which stays as it was", async () => {
    const app = await createApp({ provider: "messenger" });
    const outsider = await createUser({ role: "admin" });
    const input = updateAppSchema.parse({
      appId: app.id,
      name: "Taken over",
      accessMode: "everyone",
      credentials: { appSecret: "the-outsiders-secret" },
    });

    expect(await updateApp(db, actorOf(outsider), input)).toEqual({ ok: false, reason: "not_found" });
    expect(await uninstallApp(db, actorOf(outsider), app.id)).toEqual({ ok: false, reason: "not_found" });

    const stored = await storedApp(app.id);
    expect(stored).toMatchObject({ name: app.name, uninstalledAt: null });
    expect(withCredentials(stored).credentials).toEqual(app.credentials);
    expect(await listAppsForSettings(db, actorOf(outsider))).toEqual([]);
  });
});
