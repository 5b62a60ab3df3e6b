import { notFound } from "next/navigation";
import { getDb } from "@/db/index";
import { InboxPage } from "@/components/inbox/inbox-page";
import { NoAppsNotice } from "@/components/inbox/no-apps-notice";
import { requireUser } from "@/lib/auth/actor";
import { loadInbox } from "@/lib/inbox/load-inbox";
import { isView } from "@/lib/views";
import { loadNotificationSettings } from "@/lib/notifications/load-notification-settings";
import { singleParam } from "@/lib/search-params";

type SearchParams = { app?: string | string[]; after?: string | string[] };

export default async function InboxRoute({
  params,
  searchParams,
}: {
  params: Promise<{ view: string; conversation?: string[] }>;
  searchParams: Promise<SearchParams>;
}) {
  const { view, conversation } = await params;
  if (!isView(view) || (conversation && conversation.length > 1)) notFound();
  const db = await getDb();
  const actor = await requireUser(db);
  const query = await searchParams;
  const [inbox, notificationSettings] = await Promise.all([
    loadInbox(db, actor, { view, conversationId: conversation?.[0] ?? null, app: singleParam(query.app), after: singleParam(query.after) }),
    loadNotificationSettings(db, actor),
  ]);
  if (inbox.kind === "missing") notFound();
  if (inbox.kind === "noApps") return <NoAppsNotice state={inbox.state} isAdmin={actor.role === "admin"} />;
  return <InboxPage actor={actor} view={view} inbox={inbox} notificationSettings={notificationSettings} />;
}
