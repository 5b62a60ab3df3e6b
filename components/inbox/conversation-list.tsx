import Link from "next/link";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { Avatar } from "@/components/ui/avatar";
import { cn } from "@/components/ui/cn";
import { describePreview } from "@/lib/content/describe-content";
import type { ConversationRow } from "@/lib/inbox/queries";
import type { View } from "@/lib/inbox/views";
import { inboxHref } from "./inbox-href";
import { ProviderIcon } from "./provider-icon";

export async function ConversationList({
  view,
  rows,
  openId,
  appId,
  nextCursor,
  isFirstPage,
}: {
  view: View;
  rows: ConversationRow[];
  openId: string | null;
  appId: string | null;
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  const t = await getTranslations("inbox");
  const tr = await getTranslations();
  const format = await getFormatter();
  const now = await getNow();
  return (
    <section aria-label={t("conversations")} className="flex min-h-0 min-w-0 flex-1 flex-col">
      {rows.length === 0 ? (
        <p className="px-4 py-10 text-center text-sm text-muted">{t(`empty.${view}`)}</p>
      ) : (
        <ul className="min-h-0 flex-1 divide-y divide-line overflow-y-auto">
          {rows.map((row) => (
            <li key={row.id}>
              <Link
                href={inboxHref(view, { conversationId: row.id, appId })}
                aria-current={row.id === openId ? "page" : undefined}
                className={cn(
                  "flex gap-3 px-4 py-3 hover:bg-canvas",
                  row.id === openId && "bg-brand-50 hover:bg-brand-50",
                )}
              >
                <Avatar name={row.contactName} />
                <div className="min-w-0 flex-1">
                  <div className="flex items-baseline gap-2">
                    <span className={cn("truncate", row.isUnread ? "font-semibold" : "font-medium")}>{row.contactName}</span>
                    <time dateTime={row.lastActivityAt.toISOString()} className="ml-auto shrink-0 text-xs text-muted" title={format.dateTime(row.lastActivityAt, { dateStyle: "medium", timeStyle: "short" })}>
                      {format.relativeTime(row.lastActivityAt, now)}
                    </time>
                  </div>
                  <p className={cn("truncate text-sm", row.isUnread ? "text-ink" : "text-muted")}>
                    {describePreview(tr, row.lastMessagePreview, row.lastMessageKind) || t("noPreview")}
                  </p>
                  <div className="mt-1 flex items-center gap-2 text-xs text-muted">
                    <ProviderIcon provider={row.provider} className="h-3.5 w-3.5" />
                    <span className="truncate">{row.appName}</span>
                    <span aria-hidden="true">·</span>
                    <span className="truncate">{row.assigneeName ? t("assignedTo", { name: row.assigneeName }) : t("unassignedLabel")}</span>
                    {row.isUnread ? (
                      <span className="ml-auto flex items-center">
                        <span className="h-2 w-2 rounded-full bg-brand-500" aria-hidden="true" />
                        <span className="sr-only">{t("unread")}</span>
                      </span>
                    ) : null}
                  </div>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {nextCursor || !isFirstPage ? (
        <div className="flex justify-between border-t border-line px-4 py-2 text-sm">
          {!isFirstPage ? (
            <Link href={inboxHref(view, { appId })} className="text-brand-600 hover:underline">
              {t("firstPage")}
            </Link>
          ) : (
            <span />
          )}
          {nextCursor ? (
            <Link href={inboxHref(view, { appId, after: nextCursor })} className="text-brand-600 hover:underline">
              {t("olderPage")}
            </Link>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
