import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MessagingAppsPage } from "@/components/settings/messaging-apps-page";
import { closedProviders, listAppsForSettings, listWorkspaceUsers } from "@/lib/apps/settings-queries";
import { getDb } from "@/db/index";
import { requireAdmin } from "@/lib/auth/actor";
import { readClaimOnReply } from "@/lib/inbox/claim-on-reply-setting";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t("settings.messaging.title")} · ${t("nav.settings")} · ${t("common.appName")}` };
}

export default async function MessagingSettingsPage() {
  const db = await getDb();
  const actor = await requireAdmin(db);
  const [apps, users, claimOnReply] = await Promise.all([
    listAppsForSettings(db, actor),
    listWorkspaceUsers(db, actor),
    readClaimOnReply(await getDb(), actor.workspaceId),
  ]);
  return <MessagingAppsPage apps={apps} users={users} closed={closedProviders()} actorId={actor.userId} claimOnReply={claimOnReply} />;
}
