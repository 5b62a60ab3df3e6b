"use client";

import { useTranslations } from "next-intl";
import type { RefusalParams } from "@/lib/result";
import { cn } from "./cn";

export type ShownRefusal = { reason: string; params?: RefusalParams };

type Translate = ReturnType<typeof useTranslations<never>>;

/** A refusal in the catalog's words; an unknown reason gets the generic text. */
export function refusalText(t: Translate, refusal: ShownRefusal): string {
  const key = `refusals.${refusal.reason}`;
  return t.has(key) ? t(key, refusal.params) : t("common.unknownError");
}

/**
 * A refused action in the words of the `refusals` catalog, with the refusal's own values
 * ("Bob is unavailable…"); an unknown reason falls back to the generic text. Focusable, so a
 * form can move focus to it after a refusal (STYLE.md: components never write their own).
 */
export function RefusalAlert({
  refusal,
  onDismiss,
  className,
}: {
  refusal: ShownRefusal;
  onDismiss?: () => void;
  className?: string;
}) {
  const t = useTranslations();
  return (
    <div
      role="alert"
      tabIndex={-1}
      className={cn("flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-danger", className)}
    >
      <p className="min-w-0 flex-1">{refusalText(t, refusal)}</p>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          aria-label={t("conversation.dismiss")}
          className="-my-0.5 -mr-1 shrink-0 rounded p-0.5 text-danger/70 hover:bg-red-100 hover:text-danger"
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4">
            <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      ) : null}
    </div>
  );
}
