import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { messagingApps } from "@/db/schema";
import { sealCredentials } from "@/lib/apps/credentials";
import { flushAppHealth, recordSignatureFailure, resetAppHealthState, SIGNATURE_ERROR_INTERVAL_MS } from "@/lib/apps/health";
import { announceAppChanged, findInstalledApp } from "@/lib/apps/installed-app";
import { uninstallApp, updateApp } from "@/lib/apps/manage-apps";
import { updateAppSchema } from "@/lib/apps/schemas";
import { actorOf, createApp, createUser } from "@/tests/factories";
import { inboundEvent, newPsid, sendMessenger } from "@/tests/support/webhooks";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

/** The Messenger app secret the cached lookup holds for `appId`. */
async function cachedSecret(appId: string) {
  const found = await findInstalledApp(db, appId, "messenger");
  return found?.provider === "messenger" ? found.credentials.appSecret : null;
}

async function storedApp(appId: string) {
  const [row] = await (await getDb()).select().from(messagingApps).where(eq(messagingApps.id, appId));
  return row!;
}

beforeEach(() => {
  resetAppHealthState();
});

describe("the app's health line", () => {
  it("writes a failed signature at most once per app per minute", async () => {
    const app = await createApp({ provider: "messenger" });
    const forged = () => sendMessenger(app, [inboundEvent(app, newPsid())], { appSecret: "not-the-secret" });

    expect((await forged()).status).toBe(401);
    const first = (await storedApp(app.id)).lastErrorAt;
    expect(first).toBeInstanceOf(Date);
    expect((await storedApp(app.id)).lastError).toMatch(/signature/i);
    for (let i = 0; i < 5; i++) expect((await forged()).status).toBe(401);
    expect((await storedApp(app.id)).lastErrorAt).toEqual(first);

    // A minute later the next one is written again.
    const later = new Date(first!.getTime() + SIGNATURE_ERROR_INTERVAL_MS + 1_000);
    expect(await recordSignatureFailure(db, app.id, "A webhook arrived with a missing or invalid signature", later)).toBe(true);
    expect((await storedApp(app.id)).lastErrorAt).toEqual(later);
  });

  it("keeps other instances to the same minute: the write itself checks the stored time", async () => {
    const app = await createApp({ provider: "messenger" });
    const message = "A webhook arrived with a missing or invalid signature";
    const at = new Date();
    expect(await recordSignatureFailure(db, app.id, message, at)).toBe(true);
    // Another instance has its own memory: only the database can refuse it.
    resetAppHealthState();
    expect(await recordSignatureFailure(db, app.id, message, new Date(at.getTime() + 30_000))).toBe(false);
    expect((await storedApp(app.id)).lastErrorAt).toEqual(at);
  });

  it("records the last webhook time once flushed, not on every request", async () => {
    const app = await createApp({ provider: "messenger" });
    for (let i = 0; i < 3; i++) expect((await sendMessenger(app, [inboundEvent(app, newPsid())])).status).toBe(200);
    expect((await storedApp(app.id)).lastWebhookAt).toBeNull();

    await flushAppHealth(db);
    const written = (await storedApp(app.id)).lastWebhookAt;
    expect(written).toBeInstanceOf(Date);
    expect(Date.now() - written!.getTime()).toBeLessThan(60_000);
  });
});

describe("the cached app lookup", () => {
  it("refuses the old secret and takes the new one right after an edit", async () => {
    const app = await createApp({ provider: "messenger" });
    const admin = await createUser({ workspace: { id: app.workspaceId }, role: "admin" });
    expect((await sendMessenger(app, [inboundEvent(app, newPsid())])).status).toBe(200);

    const input = updateAppSchema.parse({
      appId: app.id,
      name: app.name,
      accessMode: "everyone",
      credentials: { pageId: app.credentials.pageId, pageAccessToken: "", appSecret: "the-rotated-secret" },
    });
    expect((await updateApp(db, actorOf(admin), input)).ok).toBe(true);

    expect((await sendMessenger(app, [inboundEvent(app, newPsid())])).status).toBe(401);
    expect((await sendMessenger(app, [inboundEvent(app, newPsid())], { appSecret: "the-rotated-secret" })).status).toBe(200);
  });

  it("answers 404 right after an uninstall", async () => {
    const app = await createApp({ provider: "messenger" });
    const admin = await createUser({ workspace: { id: app.workspaceId }, role: "admin" });
    expect((await sendMessenger(app, [inboundEvent(app, newPsid())])).status).toBe(200);
    expect((await uninstallApp(db, actorOf(admin), app.id)).ok).toBe(true);
    expect((await sendMessenger(app, [inboundEvent(app, newPsid())])).status).toBe(404);
  });

  it("drops an app another instance edited when that instance's change notice arrives", async () => {
    const app = await createApp({ provider: "messenger" });
    expect(await cachedSecret(app.id)).toBe(app.credentials.appSecret);
    const rotated = sealCredentials({ ...app.credentials, appSecret: "rotated-elsewhere" });

    // Without the notice the cached copy is still used (the cache is real)…
    await db.update(messagingApps).set({ encryptedCredentials: rotated }).where(eq(messagingApps.id, app.id));
    expect(await cachedSecret(app.id)).toBe(app.credentials.appSecret);

    // …and the notice another instance sends in its edit's transaction reaches this one's LISTEN.
    await db.transaction((tx) => announceAppChanged(tx, app.id));
    await expect.poll(() => cachedSecret(app.id)).toBe("rotated-elsewhere");
  });
});
