"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ThreadActivity } from "@/lib/inbox/queries";
import { WEEKDAY_TIME_FORMAT } from "@/lib/i18n/date-formats";

/** "Alice snoozed this until Mon 9:00" in the thread; the time in the reader's time zone and language. */
export function SnoozeLine({ activity }: { activity: ThreadActivity }) {
  const t = useTranslations("conversation");
  const format = useFormatter();
  const until = activity.detail?.until ? new Date(activity.detail.until) : null;
  const actor = activity.actorName ?? t("someone");
  const time = until && !Number.isNaN(until.getTime())
    ? format.dateTime(until, WEEKDAY_TIME_FORMAT)
    : "";
  return (
    <li className="flex justify-center px-4 text-center text-xs text-muted">
      <p className="rounded-full bg-amber-50 px-3 py-1 text-amber-900">
        {t("activity.snoozed", { actor, until: time })} ·{" "}
        <time dateTime={activity.occurredAt.toISOString()}>{format.dateTime(activity.occurredAt, { timeStyle: "short" })}</time>
      </p>
    </li>
  );
}
