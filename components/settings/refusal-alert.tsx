"use client";

import { useTranslations } from "next-intl";

/** A refused action, in the words of the `refusals` catalog (STYLE.md: one table of refusal texts). */
export function RefusalAlert({ reason }: { reason: string }) {
  const t = useTranslations();
  const key = `refusals.${reason}`;
  return (
    <p role="alert" tabIndex={-1} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-danger">
      {t.has(key) ? t(key) : t("common.unknownError")}
    </p>
  );
}
