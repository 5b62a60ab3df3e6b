import Link from "next/link";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { Avatar } from "@/components/ui/avatar";
import { cn } from "@/components/ui/cn";
import { ProviderIcon } from "@/components/inbox/provider-icon";
import { RowListbox } from "@/components/inbox/row-listbox";
import type { SearchResult } from "@/lib/search/search-conversations";
import { excerptAround, type SearchQuery } from "@/lib/search/search-query";
import { HighlightedText } from "./highlighted-text";
import { searchHref } from "@/lib/paths";

/** Search's result list (SPEC §13): newest first, each naming its view, matches marked. */
export async function SearchResults({
  query,
  results,
  openId,
  nextCursor,
  isFirstPage,
}: {
  query: SearchQuery | null;
  results: SearchResult[];
  openId: string | null;
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  const t = await getTranslations("search");
  const tInbox = await getTranslations("inbox");
  const format = await getFormatter();
  const now = await getNow();
  if (!query) return <p className="px-4 py-10 text-center text-sm text-muted">{t("prompt")}</p>;
  const words = query.digits ? [...query.words, query.digits] : query.words;
  return (
    <section aria-label={t("results")} className="flex min-h-0 min-w-0 flex-1 flex-col">
      {results.length === 0 ? (
        <p className="px-4 py-10 text-center text-sm text-muted">{t("none", { text: query.text })}</p>
      ) : (
        <RowListbox label={t("results")}>
          {results.map((result) => {
            const line = result.matchedText ? excerptAround(result.matchedText, words) : (result.lastMessagePreview ?? "");
            const number = result.externalContactId.startsWith("whatsapp:") ? result.externalContactId.slice("whatsapp:".length) : null;
            return (
              <li key={result.id} role="none">
                <Link
                  href={searchHref(query.text, { conversationId: result.id })}
                  data-list-row=""
                  role="option"
                  aria-selected={result.id === openId}
                  aria-current={result.id === openId ? "page" : undefined}
                  className={cn("flex gap-3 px-4 py-3 hover:bg-canvas", result.id === openId && "bg-brand-50 hover:bg-brand-50")}
                >
                  <Avatar name={result.contactName} />
                  <div className="min-w-0 flex-1">
                    <div className="flex items-baseline gap-2">
                      <span className="truncate font-medium">
                        <HighlightedText text={result.contactName} words={words} />
                      </span>
                      <time
                        dateTime={result.lastActivityAt.toISOString()}
                        className="ml-auto shrink-0 text-xs text-muted"
                        title={format.dateTime(result.lastActivityAt, { dateStyle: "medium", timeStyle: "short" })}
                      >
                        {format.relativeTime(result.lastActivityAt, now)}
                      </time>
                    </div>
                    {line ? (
                      <p className="truncate text-sm text-muted">
                        {result.matchedText ? <HighlightedText text={line} words={words} /> : line}
                      </p>
                    ) : null}
                    <div className="mt-1 flex items-center gap-2 text-xs text-muted">
                      <ProviderIcon provider={result.provider} className="h-3.5 w-3.5" />
                      <span className="truncate">{result.appName}</span>
                      {query.digits && number ? (
                        <>
                          <span aria-hidden="true">·</span>
                          <span className="truncate tabular-nums">{number}</span>
                        </>
                      ) : null}
                      <span className="ml-auto shrink-0 rounded bg-canvas px-1.5 py-px text-[11px] font-medium text-ink/80">
                        {tInbox(`viewNames.${result.view}`)}
                      </span>
                    </div>
                  </div>
                </Link>
              </li>
            );
          })}
        </RowListbox>
      )}
      {nextCursor || !isFirstPage ? (
        <div className="flex justify-between border-t border-line px-4 py-2 text-sm">
          {!isFirstPage ? (
            <Link href={searchHref(query.text)} className="text-brand-600 hover:underline">
              {t("firstPage")}
            </Link>
          ) : (
            <span />
          )}
          {nextCursor ? (
            <Link href={searchHref(query.text, { after: nextCursor })} className="text-brand-600 hover:underline">
              {t("olderPage")}
            </Link>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
