import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { MessageText } from "@/components/inbox/message-text";
import { cn } from "@/components/ui/cn";
import type { HistoryContent } from "@/db/schema";
import { describeKind, type Translate } from "@/lib/content/describe-content";
import { readContent } from "@/db/message-content";
import { appUrl } from "@/lib/env";
import { conversationHref } from "@/lib/paths";

const ENTRY_TIME = { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" } as const;

/**
 * A history note as React elements (spec §7): message text is only ever text, and only
 * http(s) URLs in it become links (MessageText).
 */
export async function HistoryNoteContent({ history }: { history: HistoryContent }) {
  const t = await getTranslations("crm.history");
  const tr = await getTranslations();
  const format = await getFormatter();
  const isOpen = history.status === "open";
  return (
    <div className="overflow-hidden rounded-md border border-line">
      <div className="border-b border-line bg-canvas px-3 py-2">
        <p className="break-words font-medium">{t("title", { contact: history.contactName, app: history.appName })}</p>
        <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-muted">
          <span>{history.assigneeName ? t("assignedTo", { name: history.assigneeName }) : t("unassigned")}</span>
          <span aria-hidden="true">·</span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className={cn("h-1.5 w-1.5 rounded-full", isOpen ? "bg-success" : "bg-slate-400")} />
            {isOpen ? t("open") : t("closed")}
          </span>
        </p>
      </div>
      {history.entries.length > 0 ? (
        <ol aria-label={t("messages")} className="divide-y divide-line">
          {history.entries.map((entry) => {
            const at = new Date(entry.at);
            return (
              <li key={entry.messageId} className="px-3 py-2">
                <p className="flex flex-wrap items-baseline gap-x-2 text-xs">
                  <span className={cn("font-semibold", entry.direction === "outbound" ? "text-brand-700" : "text-ink")}>{entry.sender}</span>
                  <time dateTime={entry.at} title={format.dateTime(at, { dateStyle: "full", timeStyle: "short" })} className="text-muted">
                    {format.dateTime(at, ENTRY_TIME)}
                  </time>
                </p>
                {entry.kind && entry.kind !== "text" ? (
                  <p className="mt-0.5 text-sm">{describeKind(tr as Translate, readContent(entry.kind, entry.payload))}</p>
                ) : null}
                {entry.text ? (
                  <div className="mt-0.5 text-sm">
                    <MessageText text={entry.text} />
                  </div>
                ) : null}
                {entry.attachments > 0 ? (
                  <p className="mt-0.5 flex items-center gap-1 text-xs text-muted">
                    <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5">
                      <path
                        d="M10.5 4.5l-5 5a1.5 1.5 0 002 2l5.5-5.5a3 3 0 00-4.2-4.2L3.3 7.3a4.5 4.5 0 006.4 6.4l4-4"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="1.3"
                        strokeLinecap="round"
                      />
                    </svg>
                    {t("attachments", { count: entry.attachments })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="px-3 py-2 text-sm text-muted">{t("noMessages")}</p>
      )}
      <div className="border-t border-line px-3 py-2">
        <Link href={conversationHref(history.conversationId)} prefetch={false} className="text-sm font-medium text-brand-600 hover:underline">
          {t("openConversation")}
        </Link>
      </div>
    </div>
  );
}

/** The note as plain text, to prefill the editor: editing turns it into the editor's own text. */
export async function historyNotePlainText(history: HistoryContent): Promise<string> {
  const t = await getTranslations("crm.history");
  const tr = await getTranslations();
  const format = await getFormatter();
  const messages = history.entries.map((entry) => {
    const attachments = entry.attachments > 0 ? t("attachments", { count: entry.attachments }) : "";
    const kind = entry.kind && entry.kind !== "text" ? describeKind(tr as Translate, readContent(entry.kind, entry.payload)) : "";
    const text = [kind, entry.text, attachments ? `(${attachments})` : ""].filter(Boolean).join(" ");
    return t("plainMessage", { time: format.dateTime(new Date(entry.at), ENTRY_TIME), sender: entry.sender, text });
  });
  return [
    t("title", { contact: history.contactName, app: history.appName }),
    `${history.assigneeName ? t("assignedTo", { name: history.assigneeName }) : t("unassigned")} · ${history.status === "open" ? t("open") : t("closed")}`,
    "",
    ...messages,
    "",
    `${appUrl()}${conversationHref(history.conversationId)}`,
  ].join("\n");
}
