"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { snoozeConversationAction, unsnoozeConversationAction } from "@/app/(app)/messaging/snooze-actions";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Menu, MenuItem } from "@/components/ui/menu";
import type { ShownRefusal } from "@/components/ui/refusal-alert";
import { MAX_SNOOZE_MS, MIN_SNOOZE_MS, snoozePresets } from "@/lib/snooze/snooze-time";
import { WEEKDAY_TIME_FORMAT } from "@/lib/i18n/date-formats";

/** `YYYY-MM-DDTHH:mm` in the browser's time zone, what <input type="datetime-local"> reads and writes. */
function localInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

function ClockIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4 shrink-0 text-muted">
      <circle cx="8" cy="8" r="5.75" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <path d="M8 5v3.2l2 1.3" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * Spec §13: **Snooze** in the conversation header, with 1 hour, Tomorrow 9:00, Next week and a
 * chosen time, all in the browser's (the user's) time zone. A snoozed conversation shows until
 * when, and can be taken back early. Refusals go to the header's alert.
 */
export function SnoozeMenu({
  conversationId,
  snoozedUntil,
  onRefused,
}: {
  conversationId: string;
  snoozedUntil: string | null;
  onRefused: (refusal: ShownRefusal | null) => void;
}) {
  const t = useTranslations("snooze");
  const format = useFormatter();
  const [isPending, startTransition] = useTransition();
  const [isChoosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState("");
  const inputId = useId();
  const now = new Date();
  const presets = snoozePresets(now);
  const when = (at: Date) => format.dateTime(at, WEEKDAY_TIME_FORMAT);

  const snooze = (until: Date) => {
    onRefused(null);
    startTransition(async () => {
      const result = await snoozeConversationAction({ conversationId, until: until.toISOString() });
      if (!result.ok) onRefused(result);
    });
  };
  const unsnooze = () => {
    onRefused(null);
    startTransition(async () => {
      const result = await unsnoozeConversationAction({ conversationId });
      if (!result.ok) onRefused(result);
    });
  };

  return (
    <>
      {snoozedUntil ? (
        <span className="hidden items-center gap-1 text-xs text-muted md:flex">
          <ClockIcon />
          {t("until", { time: when(new Date(snoozedUntil)) })}
        </span>
      ) : null}
      <Menu
        label={t("snooze")}
        triggerClassName={cn(buttonClasses("secondary", "h-8 gap-1.5 px-2.5"), isPending && "cursor-wait")}
        trigger={
          <>
            <ClockIcon />
            <span className="hidden @min-[36rem]:inline">{t("snooze")}</span>
          </>
        }
      >
        {(close) => (
          <>
            {(
              [
                ["oneHour", presets.oneHour],
                ["tomorrow", presets.tomorrow],
                ["nextWeek", presets.nextWeek],
              ] as const
            ).map(([key, at]) => (
              <MenuItem
                key={key}
                onClick={() => {
                  close();
                  snooze(at);
                }}
              >
                <span className="flex-1">{t(`presets.${key}`)}</span>
                <span className="text-xs text-muted">{when(at)}</span>
              </MenuItem>
            ))}
            <MenuItem
              onClick={() => {
                close();
                setChosen(localInputValue(presets.tomorrow));
                setChoosing(true);
              }}
            >
              {t("presets.choose")}
            </MenuItem>
            {snoozedUntil ? (
              <div className="mt-1 border-t border-line pt-1">
                <MenuItem
                  onClick={() => {
                    close();
                    unsnooze();
                  }}
                >
                  {t("unsnooze")}
                </MenuItem>
              </div>
            ) : null}
          </>
        )}
      </Menu>
      <Dialog open={isChoosing} onClose={() => setChoosing(false)} title={t("chooseTitle")} description={t("chooseHint")}>
        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            setChoosing(false);
            snooze(new Date(chosen));
          }}
        >
          <div className="flex flex-col gap-1">
            <label htmlFor={inputId} className="text-sm font-medium">
              {t("wakeAt")}
            </label>
            <input
              id={inputId}
              type="datetime-local"
              required
              value={chosen}
              min={localInputValue(new Date(now.getTime() + MIN_SNOOZE_MS))}
              max={localInputValue(new Date(now.getTime() + MAX_SNOOZE_MS - 24 * 60 * 60_000))}
              onChange={(event) => setChosen(event.target.value)}
              className="rounded-md border border-line bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
            />
          </div>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setChoosing(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit">{t("snooze")}</Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
