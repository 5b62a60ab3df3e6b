import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/index";
import { InboxFrame } from "@/components/inbox/inbox-frame";
import { OpenConversationPane } from "@/components/inbox/open-conversation-pane";
import { ViewNav } from "@/components/inbox/view-nav";
import { SearchResults } from "@/components/search/search-results";
import { requireUser } from "@/lib/auth/actor";
import { searchHref } from "@/lib/paths";
import { loadNotificationSettings } from "@/lib/notifications/load-notification-settings";
import { singleParam } from "@/lib/search-params";
import { loadSearch } from "@/lib/search/load-search";

type Params = { conversation?: string[] };
type SearchParams = { q?: string | string[]; after?: string | string[] };

/** `/messaging/search?q=…` (SPEC §10, §13), with a result open at `/messaging/search/{id}?q=…`. */
export default async function SearchPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<SearchParams> }) {
  const { conversation } = await params;
  if (conversation && conversation.length > 1) notFound();
  const db = await getDb();
  const query = await searchParams;
  const actor = await requireUser(db);
  const t = await getTranslations("search");
  const [data, notificationSettings] = await Promise.all([
    loadSearch(db, actor, { q: singleParam(query.q), after: singleParam(query.after), conversationId: conversation?.[0] ?? null }),
    loadNotificationSettings(db, actor),
  ]);
  if (data.missing) notFound();
  const text = data.query?.text ?? "";
  return (
    <InboxFrame
      nav={<ViewNav view={null} counts={data.counts} apps={[]} appId={null} />}
      heading={data.query ? t("heading", { text }) : t("label")}
      searchText={text}
      notificationSettings={notificationSettings}
      list={
        <SearchResults
          query={data.query}
          results={data.results}
          openId={data.open?.conversation.id ?? null}
          nextCursor={data.nextCursor}
          isFirstPage={!data.after}
        />
      }
      pane={data.open ? <OpenConversationPane actor={actor} open={data.open} backHref={searchHref(text)} /> : null}
    />
  );
}
