"use client";

import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { cn } from "@/components/ui/cn";
import { describePreview } from "@/lib/content/describe-content";
import { waitingDuration, type PreviewAuthor } from "@/lib/inbox/list-row-words";
import type { ConversationRow } from "@/lib/inbox/queries";
import { MAX_ROWS_PER_FETCH, type View } from "@/lib/views";
import { encodeCursor } from "@/lib/keyset-cursor";
import { inboxHref } from "@/lib/paths";
import { appOf, batcher, conversationOf, recentlyChanged, useLiveEvents } from "./live-bus";
import { ProviderIcon } from "./provider-icon";
import { RowListbox } from "./row-listbox";
import { SnoozedUntil } from "./snooze/snoozed-until";

const FETCH_BATCH_MS = 100;
const LIST_EVENTS = new Set(["conversation.created", "conversation.updated", "conversation.deleted", "message.created", "message.updated"]);

type RowJson = Omit<ConversationRow, "lastActivityAt" | "snoozedUntil" | "waitingSince"> & {
  lastActivityAt: string;
  snoozedUntil: string | null;
  waitingSince: string | null;
};

/** Views whose rows all share one assignment say nothing about it (issue 16: no repeated view name). */
const VIEWS_SHOWING_ASSIGNEE = new Set<View>(["others", "snoozed", "closed"]);

function newestFirst(a: ConversationRow, b: ConversationRow): number {
  const byTime = b.lastActivityAt.getTime() - a.lastActivityAt.getTime();
  return byTime !== 0 ? byTime : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The view's list. Live events change it row by row: the rows an event names are fetched
 * (batched, GET /api/inbox/rows) and put in place, moved to the top or dropped when they left
 * the view; the first page also takes in conversations that just entered the view. The page
 * keeps its size, and "Older" continues after the last row shown.
 */
export function ConversationList({
  view,
  rows,
  openId,
  appId,
  nextCursor,
  isFirstPage,
  pageSize,
}: {
  view: View;
  rows: ConversationRow[];
  openId: string | null;
  appId: string | null;
  nextCursor: string | null;
  isFirstPage: boolean;
  pageSize: number;
}) {
  const t = useTranslations("inbox");
  const tr = useTranslations();
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const [shown, setShown] = useState({ rows, from: rows, hasMore: nextCursor !== null });
  // A new server render (navigation, refresh) replaces what the events built up.
  if (shown.from !== rows) setShown({ rows, from: rows, hasMore: nextCursor !== null });

  const fetcher = useMemo(
    () =>
      batcher(FETCH_BATCH_MS, async (ids) => {
        const query = new URLSearchParams({ view, ids: ids.join(",") });
        if (appId) query.set("app", appId);
        const response = await fetch(`/api/inbox/rows?${query}`, { cache: "no-store" });
        // Refused (signed out, bad input): nothing to show. Failed: the batcher tries again.
        if (response.status >= 500) throw new Error(`rows answered ${response.status}`);
        if (!response.ok) return;
        const { rows: fetched } = (await response.json()) as { rows: RowJson[] };
        const inView = new Map(fetched.map((row) => [
            row.id,
            {
              ...row,
              lastActivityAt: new Date(row.lastActivityAt),
              snoozedUntil: row.snoozedUntil ? new Date(row.snoozedUntil) : null,
              waitingSince: row.waitingSince ? new Date(row.waitingSince) : null,
            },
          ]));
        setShown((current) => {
          const kept = current.rows.filter((row) => !ids.includes(row.id));
          const arriving = [...inView.values()].filter((row) => isFirstPage || current.rows.some((shownRow) => shownRow.id === row.id));
          const merged = [...kept, ...arriving].sort(newestFirst);
          return { ...current, rows: merged.slice(0, pageSize), hasMore: current.hasMore || merged.length > pageSize };
        });
      }, { maxBatch: MAX_ROWS_PER_FETCH }),
    [view, appId, isFirstPage, pageSize],
  );
  useEffect(() => () => fetcher.cancel(), [fetcher]);
  // A new server render (another view, app or page) may predate the latest events: take them in again.
  useEffect(() => {
    for (const id of recentlyChanged(appId)) fetcher.add(id);
  }, [rows, fetcher, appId]);

  useLiveEvents((event) => {
    const id = conversationOf(event);
    if (!LIST_EVENTS.has(event.type) || !id) return false;
    if (event.type === "conversation.deleted") {
      setShown((current) => ({ ...current, rows: current.rows.filter((row) => row.id !== id) }));
    } else if (!appId || appOf(event) === appId) {
      fetcher.add(id);
    }
    return true;
  });

  const last = shown.rows.at(-1);
  const olderCursor = shown.hasMore && last ? encodeCursor({ lastActivityAt: last.lastActivityAt, id: last.id }) : null;
  return (
    <section aria-label={t("conversations")} className="flex min-h-0 min-w-0 flex-1 flex-col">
      {shown.rows.length === 0 ? (
        <p className="px-4 py-10 text-center text-sm text-muted">{t(`empty.${view}`)}</p>
      ) : (
        <RowListbox label={t("conversations")}>
          {shown.rows.map((row) => {
            // The open conversation is being read: a message arriving in it is not unread.
            const isUnread = row.isUnread && row.id !== openId;
            return (
              <li key={row.id} role="none">
                <Link
                  href={inboxHref(view, { conversationId: row.id, appId })}
                  data-list-row=""
                  role="option"
                  aria-selected={row.id === openId}
                  aria-current={row.id === openId ? "page" : undefined}
                  className={cn("flex gap-3 px-4 py-3 hover:bg-canvas", row.id === openId && "bg-brand-50 hover:bg-brand-50")}
                >
                  <Avatar name={row.contactName} />
                  <div className="min-w-0 flex-1">
                    <div className="flex items-baseline gap-2">
                      <span className={cn("truncate", isUnread ? "font-semibold" : "font-medium")}>{row.contactName}</span>
                      <time
                        dateTime={row.lastActivityAt.toISOString()}
                        className="ml-auto shrink-0 text-xs text-muted"
                        title={format.dateTime(row.lastActivityAt, { dateStyle: "medium", timeStyle: "short" })}
                      >
                        {format.relativeTime(row.lastActivityAt, now)}
                      </time>
                    </div>
                    <p className={cn("truncate text-sm", isUnread ? "text-ink" : "text-muted")}>
                      <PreviewAuthorLabel author={row.lastMessageAuthor} />
                      {describePreview(tr, row.lastMessagePreview, row.lastMessageKind) || t("noPreview")}
                    </p>
                    <div className="mt-1 flex min-w-0 items-center gap-2 text-xs text-muted">
                      <ProviderIcon provider={row.provider} className="h-3.5 w-3.5 shrink-0" />
                      <span className="min-w-0 truncate">{row.appName}</span>
                      {VIEWS_SHOWING_ASSIGNEE.has(view) && row.assigneeName ? (
                        <span className="flex shrink-0 items-center" title={t("assignedTo", { name: row.assigneeName })}>
                          <Avatar name={row.assigneeName} size="xs" />
                          <span className="sr-only">{t("assignedTo", { name: row.assigneeName })}</span>
                        </span>
                      ) : null}
                      {row.waitingSince ? <WaitingFor since={row.waitingSince} now={now} /> : null}
                      {row.snoozedUntil ? <SnoozedUntil until={row.snoozedUntil} /> : null}
                      {row.lastReplyFailed ? (
                        // Words, not only the dot: part of the row link's name for screen readers.
                        <span className="flex shrink-0 items-center gap-1 font-medium text-danger" data-testid="row-not-delivered">
                          <span className="h-2 w-2 rounded-full bg-danger" aria-hidden="true" />
                          {t("notDelivered")}
                        </span>
                      ) : null}
                      {isUnread ? (
                        <span className="ml-auto flex items-center">
                          <span className="h-2 w-2 rounded-full bg-brand-500" aria-hidden="true" />
                          <span className="sr-only">{t("unread")}</span>
                        </span>
                      ) : null}
                    </div>
                  </div>
                </Link>
              </li>
            );
          })}
        </RowListbox>
      )}
      {olderCursor || !isFirstPage ? (
        <div className="flex justify-between border-t border-line px-4 py-2 text-sm">
          {!isFirstPage ? (
            <Link href={inboxHref(view, { appId })} className="text-brand-600 hover:underline">
              {t("firstPage")}
            </Link>
          ) : (
            <span />
          )}
          {olderCursor ? (
            <Link href={inboxHref(view, { appId, after: olderCursor })} className="text-brand-600 hover:underline">
              {t("olderPage")}
            </Link>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** "You:", "Bob:" before an outbound preview, so a reply never reads as the customer's message. */
function PreviewAuthorLabel({ author }: { author: PreviewAuthor }) {
  const t = useTranslations("inbox.previewBy");
  if (!author) return null;
  const label = author.kind === "teammate" ? t("teammate", { name: author.name }) : t(author.kind);
  return <span className="font-medium text-muted">{label} </span>;
}

/** The customer wrote last: how long they have been waiting for a reply. */
function WaitingFor({ since, now }: { since: Date; now: Date }) {
  const t = useTranslations("inbox");
  const format = useFormatter();
  const { unit, count } = waitingDuration(since, now);
  return (
    <time
      dateTime={since.toISOString()}
      title={t("waitingTitle", { time: format.dateTime(since, { dateStyle: "medium", timeStyle: "short" }) })}
      className="shrink-0 whitespace-nowrap font-medium text-amber-700"
      data-testid="row-waiting"
    >
      {t("waiting", { duration: t(`waitingFor.${unit}`, { count }) })}
    </time>
  );
}
