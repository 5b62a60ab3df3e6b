"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useTeammatesPresence } from "./use-presence";

/**
 * Spec §13: "Bob is viewing", "Bob is typing…" under the contact's name, for everyone else
 * who has the conversation open, on any instance. A polite live region, so a screen reader
 * hears a teammate start typing without losing its place.
 */
export function PresenceIndicator({ conversationId, currentUserId }: { conversationId: string; currentUserId: string }) {
  const t = useTranslations("presence");
  const format = useFormatter();
  const { typing, viewing } = useTeammatesPresence(conversationId, currentUserId);
  const list = (names: string[]) => format.list(names, { type: "conjunction" });
  return (
    <p role="status" aria-label={t("label")} className="flex min-w-0 items-center gap-3 text-xs text-muted">
      {typing.length > 0 ? (
        <span className="flex min-w-0 items-center gap-1 font-medium text-brand-700">
          <span aria-hidden="true" className="flex gap-0.5">
            <span className="h-1 w-1 animate-pulse rounded-full bg-brand-500" />
            <span className="h-1 w-1 animate-pulse rounded-full bg-brand-500 [animation-delay:150ms]" />
            <span className="h-1 w-1 animate-pulse rounded-full bg-brand-500 [animation-delay:300ms]" />
          </span>
          <span className="truncate">{t("typing", { names: list(typing), count: typing.length })}</span>
        </span>
      ) : null}
      {viewing.length > 0 ? (
        <span className="flex min-w-0 items-center gap-1">
          <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5 shrink-0">
            <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" fill="none" stroke="currentColor" strokeWidth="1.3" />
            <circle cx="8" cy="8" r="2" fill="currentColor" />
          </svg>
          <span className="truncate">{t("viewing", { names: list(viewing), count: viewing.length })}</span>
        </span>
      ) : null}
    </p>
  );
}
