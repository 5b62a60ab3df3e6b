"use client";

import { useTranslations } from "next-intl";

/** Above the reply box: someone else answered the customer while this user was writing (spec §13). */
export function CollisionNotice({ senderName }: { senderName: string | null }) {
  const t = useTranslations("presence");
  return (
    <p role="alert" className="flex items-start gap-2 rounded-md bg-amber-50 px-2.5 py-1.5 text-xs text-amber-900 ring-1 ring-amber-200">
      <svg viewBox="0 0 16 16" aria-hidden="true" className="mt-px h-3.5 w-3.5 shrink-0">
        <path d="M8 2.5l6 11H2l6-11z" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
        <path d="M8 6.5v3M8 11.5v.01" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
      </svg>
      <span>{senderName ? t("repliedWhileTyping", { name: senderName }) : t("repliedWhileTypingElsewhere")}</span>
    </p>
  );
}
