import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/actor";
import type { loadInbox } from "@/lib/inbox/load-inbox";
import { PAGE_SIZE } from "@/lib/inbox/queries";
import type { View } from "@/lib/views";
import type { NotificationSettingsData } from "@/lib/notifications/load-notification-settings";
import { inboxHref } from "@/lib/paths";
import { ConversationList } from "./conversation-list";
import { InboxFrame } from "./inbox-frame";
import { OpenConversationPane } from "./open-conversation-pane";
import { ViewNav } from "./view-nav";

export type LoadedInbox = Extract<Awaited<ReturnType<typeof loadInbox>>, { kind: "inbox" }>;

/** The inbox of spec §3 and §10: views, list and (when the URL names one) the open conversation. */
export async function InboxPage({
  actor,
  view,
  inbox,
  notificationSettings,
}: {
  actor: Actor;
  view: View;
  inbox: LoadedInbox;
  notificationSettings: NotificationSettingsData;
}) {
  const t = await getTranslations("inbox");
  const { apps, appId, after, open, counts, list } = inbox;
  return (
    <InboxFrame
      nav={<ViewNav view={view} counts={counts} apps={apps} appId={appId} />}
      heading={t(`viewNames.${view}`)}
      notificationSettings={notificationSettings}
      list={
        <ConversationList
          view={view}
          rows={list.rows}
          openId={open?.conversation.id ?? null}
          appId={appId}
          nextCursor={list.nextCursor}
          isFirstPage={!after}
          pageSize={PAGE_SIZE}
        />
      }
      pane={open ? <OpenConversationPane actor={actor} open={open} backHref={inboxHref(view, { appId })} /> : null}
    />
  );
}
