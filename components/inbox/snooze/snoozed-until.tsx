"use client";

import { useFormatter, useTranslations } from "next-intl";
import { WEEKDAY_TIME_FORMAT } from "@/lib/i18n/date-formats";

/** A Snoozed view row's wake-up time (spec §13). */
export function SnoozedUntil({ until }: { until: Date }) {
  const t = useTranslations("snooze");
  const format = useFormatter();
  return (
    <>
      <span aria-hidden="true">·</span>
      <time dateTime={until.toISOString()} className="shrink-0 font-medium text-amber-700">
        {t("until", { time: format.dateTime(until, WEEKDAY_TIME_FORMAT) })}
      </time>
    </>
  );
}
