import { getDb } from "@/db/index";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { InboxFrame } from "@/components/inbox/inbox-frame";
import { OpenConversationPane } from "@/components/inbox/open-conversation-pane";
import { ViewNav } from "@/components/inbox/view-nav";
import { SearchResults } from "@/components/search/search-results";
import { searchHref } from "@/lib/paths";
import { requireUser } from "@/lib/auth/actor";
import { loadSearchData } from "@/lib/search/search-data";

type Params = { conversation?: string[] };
type SearchParams = { q?: string | string[]; after?: string | string[] };

function single(value: string | string[] | undefined): string | null {
  return typeof value === "string" ? value : null;
}

/** `/messaging/search?q=…` (SPEC §10, §13), with a result open at `/messaging/search/{id}?q=…`. */
export default async function SearchPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<SearchParams> }) {
  const db = await getDb();
  const { conversation } = await params;
  if (conversation && conversation.length > 1) notFound();
  const query = await searchParams;
  const actor = await requireUser(db);
  const t = await getTranslations("search");
  const data = await loadSearchData(db, actor, { q: single(query.q), after: single(query.after), conversationId: conversation?.[0] ?? null });
  if (data.missing) notFound();
  const text = data.query?.text ?? "";
  return (
    <InboxFrame
      nav={<ViewNav view={null} counts={data.counts} apps={[]} appId={null} />}
      heading={data.query ? t("heading", { text }) : t("label")}
      searchText={text}
      list={
        <SearchResults
          query={data.query}
          results={data.results}
          openId={data.open?.conversation.id ?? null}
          nextCursor={data.nextCursor}
          isFirstPage={!data.after}
        />
      }
      pane={
        data.open && data.thread ? (
          <OpenConversationPane actor={actor} open={data.open} thread={data.thread} assignees={data.assignees} backHref={searchHref(text)} />
        ) : null
      }
    />
  );
}
