"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ThreadActivity } from "@/lib/inbox/queries";
import { noteSegments, readNoteDetail } from "@/db/note-detail";

/** A private note in the thread: visibly not a message, with its author, time and mentions (spec §13). */
export function NoteItem({ activity }: { activity: ThreadActivity }) {
  const t = useTranslations("notes");
  const tConversation = useTranslations("conversation");
  const format = useFormatter();
  const note = readNoteDetail(activity.detail);
  return (
    <li className="flex justify-center px-1 sm:px-8" aria-label={t("itemLabel", { actor: activity.actorName ?? tConversation("someone") })}>
      <div className="w-full max-w-2xl rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-ink">
        <p className="mb-1 flex items-center gap-1.5 text-xs text-amber-900">
          <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5 shrink-0">
            <rect x="3.5" y="7" width="9" height="6.5" rx="1.2" fill="none" stroke="currentColor" strokeWidth="1.3" />
            <path d="M5.5 7V5.2a2.5 2.5 0 015 0V7" fill="none" stroke="currentColor" strokeWidth="1.3" />
          </svg>
          <span className="font-semibold">{activity.actorName ?? tConversation("someone")}</span>
          <span>· {t("privateBadge")} ·</span>
          <time dateTime={activity.occurredAt.toISOString()}>{format.dateTime(activity.occurredAt, { timeStyle: "short" })}</time>
        </p>
        <p className="break-words whitespace-pre-wrap">
          {noteSegments(note.text, note.mentions).map((segment, index) =>
            segment.kind === "mention" ? (
              <span key={index} className="rounded bg-amber-200/70 px-0.5 font-medium text-amber-950">
                {segment.text}
              </span>
            ) : (
              <span key={index}>{segment.text}</span>
            ),
          )}
        </p>
      </div>
    </li>
  );
}
