import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { appAccess, messagingApps, users, type MessagingApp, type Provider } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { webhookUrls } from "@/lib/channels/webhook-urls";
import { appUrl, getEnv } from "@/lib/env";
import { withCredentials } from "./credentials";

/** What the settings page may show of an app: everything but the credentials. */
export type AppSettingsView = {
  id: string;
  provider: Provider;
  name: string;
  externalAccountId: string;
  /** Not a secret (it names the Twilio account), so the edit form can show it. */
  accountSid: string | null;
  installer: { id: string; name: string };
  accessMode: "everyone" | "chosen";
  memberIds: string[];
  webhookUrl: string;
  statusCallbackUrl: string | null;
  verifyToken: string | null;
  installedAt: Date;
  lastWebhookAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  autoAssign: boolean;
  autoAssignLimit: number | null;
};

function accountSidOf(app: MessagingApp): string | null {
  const found = withCredentials(app);
  return found.provider === "whatsapp" ? found.credentials.accountSid : null;
}

export async function listAppsForSettings(db: Executor, actor: Actor): Promise<AppSettingsView[]> {
  const rows = await db
    .select({ app: messagingApps, installerName: users.name })
    .from(messagingApps)
    .innerJoin(users, eq(users.id, messagingApps.installerId))
    .where(and(eq(messagingApps.workspaceId, actor.workspaceId), isNull(messagingApps.uninstalledAt)))
    .orderBy(asc(messagingApps.installedAt));
  const ids = rows.map((row) => row.app.id);
  const members = ids.length
    ? await db.select().from(appAccess).where(inArray(appAccess.appId, ids))
    : [];
  return rows.map(({ app, installerName }) => ({
    id: app.id,
    provider: app.provider,
    name: app.name,
    externalAccountId: app.externalAccountId,
    accountSid: accountSidOf(app),
    installer: { id: app.installerId, name: installerName },
    accessMode: app.accessMode,
    memberIds: members.filter((member) => member.appId === app.id).map((member) => member.userId),
    ...webhookUrls(app.provider, app.id, appUrl()),
    verifyToken: app.verifyToken,
    installedAt: app.installedAt,
    lastWebhookAt: app.lastWebhookAt,
    lastError: app.lastError,
    lastErrorAt: app.lastErrorAt,
    autoAssign: app.autoAssign,
    autoAssignLimit: app.autoAssignLimit,
  }));
}

export async function listWorkspaceUsers(db: Executor, actor: Actor) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, isActive: users.isActive })
    .from(users)
    .where(eq(users.workspaceId, actor.workspaceId))
    .orderBy(asc(users.name));
}

export function closedProviders(): Provider[] {
  return getEnv().CLOSED_PROVIDERS;
}
