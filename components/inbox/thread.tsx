import { getFormatter, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import type { ThreadActivity, ThreadMessage } from "@/lib/inbox/queries";
import { AttachmentView } from "./attachment-view";
import { MessageText } from "./message-text";

type Item = { at: Date; key: string } & ({ message: ThreadMessage } | { activity: ThreadActivity });

export async function Thread({
  contactName,
  messages,
  activities,
}: {
  contactName: string;
  messages: ThreadMessage[];
  activities: ThreadActivity[];
}) {
  const t = await getTranslations("conversation");
  const format = await getFormatter();
  const items: Item[] = [
    ...messages.map((message) => ({ at: message.occurredAt, key: `m-${message.id}`, message })),
    ...activities.map((activity) => ({ at: activity.occurredAt, key: `a-${activity.id}`, activity })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  return (
    <ol aria-label={t("thread")} className="flex flex-col gap-3">
      {items.map((item) => {
        const time = format.dateTime(item.at, { dateStyle: "medium", timeStyle: "short" });
        if ("activity" in item) {
          const { activity } = item;
          const actor = activity.actorName ?? t("someone");
          const text =
            activity.kind === "assigned" && activity.actorName && activity.actorName === activity.targetName
              ? t("activity.assignedSelf", { actor })
              : t(`activity.${activity.kind}`, { actor, target: activity.targetName ?? t("someone"), record: activity.detail?.record ?? "" });
          return (
            <li key={item.key} className="flex items-center gap-3 text-xs text-muted">
              <span className="h-px flex-1 bg-line" aria-hidden="true" />
              <span>
                {text} · <time dateTime={item.at.toISOString()}>{time}</time>
              </span>
              <span className="h-px flex-1 bg-line" aria-hidden="true" />
            </li>
          );
        }
        const { message } = item;
        const outbound = message.direction === "outbound";
        const sender = outbound ? (message.senderName ?? t("sentFromElsewhere")) : contactName;
        return (
          <li key={item.key} className={cn("flex flex-col gap-1", outbound ? "items-end" : "items-start")}>
            <div className="flex items-center gap-2 text-xs text-muted">
              <span className="font-medium text-ink">{sender}</span>
              <time dateTime={item.at.toISOString()}>{time}</time>
            </div>
            <div
              className={cn(
                "flex max-w-[min(36rem,85%)] flex-col gap-2 rounded-2xl px-3.5 py-2 shadow-sm",
                outbound ? "rounded-br-md bg-brand-500 text-white" : "rounded-bl-md border border-line bg-white",
                message.state === "failed" && "bg-red-50 text-ink ring-1 ring-danger/40",
              )}
            >
              {message.text ? <MessageText text={message.text} /> : null}
              {message.attachments.map((attachment, index) => (
                <AttachmentView key={index} attachment={attachment} />
              ))}
            </div>
            {outbound ? (
              <p className={cn("text-xs", message.state === "failed" ? "text-danger" : "text-muted")} data-testid="delivery-state">
                {message.state === "failed" && message.failureReason
                  ? t("failedBecause", { reason: message.failureReason })
                  : t(`state.${message.state}`)}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
