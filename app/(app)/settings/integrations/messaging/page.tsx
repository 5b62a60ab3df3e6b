import { MessagingAppsPage } from "@/components/settings/messaging-apps-page";
import { closedProviders, listAppsForSettings, listWorkspaceUsers } from "@/lib/apps/settings-queries";
import { getDb } from "@/db/index";
import { requireAdmin } from "@/lib/auth/actor";
import { readClaimOnReply } from "@/lib/inbox/claim-on-reply-setting";
import { titledMetadata } from "@/lib/i18n/page-title";

export const generateMetadata = () => titledMetadata("settings.messaging.title", "nav.settings");

export default async function MessagingSettingsPage() {
  const db = await getDb();
  const actor = await requireAdmin(db);
  const [apps, users, claimOnReply] = await Promise.all([
    listAppsForSettings(db, actor),
    listWorkspaceUsers(db, actor),
    readClaimOnReply(db, actor.workspaceId),
  ]);
  return <MessagingAppsPage apps={apps} users={users} closed={closedProviders()} actorId={actor.userId} claimOnReply={claimOnReply} />;
}
