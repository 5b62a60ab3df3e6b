"use client";

import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { WEEKDAY_TIME_FORMAT } from "@/lib/i18n/date-formats";

/** The reply window as the server computed it (lib/content/reply-window.ts), with its end as ISO text. */
export type ShownReplyWindow = { kind: "open" | "human_agent"; until: string } | { kind: "template_only" | "closed" | "unknown" };

export const canSendFreeForm = (window: ShownReplyWindow) => window.kind !== "template_only" && window.kind !== "closed";

/** SPEC §14: until when a free-form reply is possible, and why not once it isn't. */
export function ReplyWindowNote({ window }: { window: ShownReplyWindow }) {
  const t = useTranslations("content.window");
  const format = useFormatter();
  if (window.kind === "unknown") return null;
  const until = "until" in window ? format.dateTime(new Date(window.until), WEEKDAY_TIME_FORMAT) : "";
  const blocked = !canSendFreeForm(window);
  return (
    <p data-testid="reply-window" className={cn("text-xs", blocked ? "text-danger" : "text-muted")} role={blocked ? "status" : undefined}>
      {t(window.kind, { time: until })}
    </p>
  );
}
