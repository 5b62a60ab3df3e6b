import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Transaction, Executor } from "@/db/client";
import { appAccess, messagingApps, users } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import type { MessengerCredentials, WhatsappCredentials } from "@/lib/channels/types";
import { getEnv } from "@/lib/env";
import { ok, refuse, type Result } from "@/lib/result";
import { sealCredentials, withCredentials } from "./credentials";
import { announceAppChanged, forgetInstalledApp } from "./installed-app";
import type { InstallAppInput, UpdateAppInput } from "./schemas";

export type ManageAppRefusal = "not_admin" | "not_found" | "provider_closed" | "invalid_member";

/** Access-list members must be active users of the admin's own workspace. */
async function validMembers(tx: Transaction, actor: Actor, memberIds: string[]): Promise<string[] | null> {
  const unique = [...new Set(memberIds)];
  if (unique.length === 0) return [];
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, unique), eq(users.workspaceId, actor.workspaceId), eq(users.isActive, true)));
  return found.length === unique.length ? unique : null;
}

async function replaceAccessList(tx: Transaction, appId: string, memberIds: string[]): Promise<void> {
  await tx.delete(appAccess).where(eq(appAccess.appId, appId));
  if (memberIds.length > 0) await tx.insert(appAccess).values(memberIds.map((userId) => ({ appId, userId })));
}

export async function installApp(db: Executor, actor: Actor, input: InstallAppInput): Promise<Result<{ appId: string }, ManageAppRefusal>> {
  if (actor.role !== "admin") return refuse("not_admin");
  if (getEnv().CLOSED_PROVIDERS.includes(input.provider)) return refuse("provider_closed");
  return db.transaction(async (tx) => {
    const members = await validMembers(tx, actor, input.accessMode === "chosen" ? input.memberIds : []);
    if (!members) return refuse("invalid_member");
    const [app] = await tx
      .insert(messagingApps)
      .values({
        workspaceId: actor.workspaceId,
        provider: input.provider,
        name: input.name,
        installerId: actor.userId,
        externalAccountId: input.provider === "messenger" ? input.credentials.pageId : input.credentials.sender,
        encryptedCredentials: sealCredentials(input.credentials),
        verifyToken: input.provider === "messenger" ? randomBytes(24).toString("base64url") : null,
        accessMode: input.accessMode,
      })
      .returning({ id: messagingApps.id });
    await replaceAccessList(tx, app!.id, members);
    return ok({ appId: app!.id });
  });
}

async function lockInstalledApp(tx: Transaction, actor: Actor, appId: string) {
  const [app] = await tx
    .select()
    .from(messagingApps)
    .where(and(eq(messagingApps.id, appId), eq(messagingApps.workspaceId, actor.workspaceId), isNull(messagingApps.uninstalledAt)))
    .for("update")
    .limit(1);
  return app ?? null;
}

export async function updateApp(db: Executor, actor: Actor, input: UpdateAppInput): Promise<Result<{ appId: string }, ManageAppRefusal>> {
  if (actor.role !== "admin") return refuse("not_admin");
  const result = await db.transaction(async (tx) => {
    const app = await lockInstalledApp(tx, actor, input.appId);
    if (!app) return refuse("not_found");
    const members = await validMembers(tx, actor, input.accessMode === "chosen" ? input.memberIds : []);
    if (!members) return refuse("invalid_member");
    const current = withCredentials(app);
    const changes = input.credentials;
    const credentials: MessengerCredentials | WhatsappCredentials =
      current.provider === "messenger"
        ? {
            pageId: changes.pageId ?? current.credentials.pageId,
            pageAccessToken: changes.pageAccessToken ?? current.credentials.pageAccessToken,
            appSecret: changes.appSecret ?? current.credentials.appSecret,
          }
        : {
            accountSid: changes.accountSid ?? current.credentials.accountSid,
            authToken: changes.authToken ?? current.credentials.authToken,
            sender: changes.sender ?? current.credentials.sender,
          };
    await tx
      .update(messagingApps)
      .set({
        name: input.name,
        accessMode: input.accessMode,
        externalAccountId: "pageId" in credentials ? credentials.pageId : credentials.sender,
        encryptedCredentials: sealCredentials(credentials),
      })
      .where(eq(messagingApps.id, app.id));
    await replaceAccessList(tx, app.id, members);
    await announceAppChanged(tx, app.id);
    return ok({ appId: app.id });
  });
  if (result.ok) await forgetInstalledApp(result.value.appId);
  return result;
}

/**
 * Uninstalling keeps the app's rows (history, CRM notes' links) but hides them: webhooks answer
 * 404 and the conversations leave every inbox (docs/decisions.md).
 */
export async function uninstallApp(db: Executor, actor: Actor, appId: string): Promise<Result<{ appId: string }, ManageAppRefusal>> {
  if (actor.role !== "admin") return refuse("not_admin");
  const result = await db.transaction(async (tx) => {
    const app = await lockInstalledApp(tx, actor, appId);
    if (!app) return refuse("not_found");
    await tx.update(messagingApps).set({ uninstalledAt: new Date() }).where(eq(messagingApps.id, app.id));
    await announceAppChanged(tx, app.id);
    return ok({ appId: app.id });
  });
  if (result.ok) await forgetInstalledApp(result.value.appId);
  return result;
}
