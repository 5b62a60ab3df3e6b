"use client";

import { useFormatter, useTranslations } from "next-intl";

/** A Snoozed view row's wake-up time (spec §13). */
export function SnoozedUntil({ until }: { until: Date }) {
  const t = useTranslations("snooze");
  const format = useFormatter();
  return (
    <>
      <span aria-hidden="true">·</span>
      <time dateTime={until.toISOString()} className="shrink-0 font-medium text-amber-700">
        {t("until", { time: format.dateTime(until, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }) })}
      </time>
    </>
  );
}
