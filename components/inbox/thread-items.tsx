import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { isHttpUrl } from "@/lib/safe-url";
import { AUTO_ASSIGNED_DETAIL, CLAIMED_BY_REPLY_DETAIL } from "@/lib/inbox/auto-assign-detail";
import { explainFailure, canSendAgain } from "@/lib/inbox/explain-failure";
import { failureKey } from "@/lib/inbox/failure-reasons";
import type { ThreadActivity, ThreadMessage } from "@/lib/inbox/queries";
import type { Provider } from "@/db/schema";
import { attachmentHref } from "@/lib/content/media-href";
import { readContent } from "@/db/message-content";
import { AttachmentView } from "./attachment-view";
import { ContentCard, QuotedMessage, ReactionBadge } from "./message-content";
import { MessageText } from "./message-text";
import { ResendButton } from "./resend-button";
import { NoteItem } from "./notes/note-item";
import { SnoozeLine } from "./snooze/snooze-line";
import { DAY_DIVIDER_FORMAT } from "@/lib/i18n/date-formats";

/*
 * The thread's items, written with next-intl's hooks and no server-only imports so the same
 * markup renders on the server (the first page) and in the browser (older pages, the reply
 * being sent).
 */

export function DayDivider({ at }: { at: Date }) {
  const format = useFormatter();
  return (
    <li className="flex items-center gap-3 py-1 text-xs font-medium text-muted">
      <span className="h-px flex-1 bg-line" aria-hidden="true" />
      <time dateTime={at.toISOString()}>{format.dateTime(at, DAY_DIVIDER_FORMAT)}</time>
      <span className="h-px flex-1 bg-line" aria-hidden="true" />
    </li>
  );
}

export function ActivityLine({ activity }: { activity: ThreadActivity }) {
  const t = useTranslations("conversation");
  const tAuto = useTranslations("autoAssign");
  const format = useFormatter();
  if (activity.kind === "referral") return <ReferralLine activity={activity} />;
  if (activity.kind === "snoozed") return <SnoozeLine activity={activity} />;
  if (activity.kind === "note") return <NoteItem activity={activity} />;
  const actor = activity.actorName ?? t("someone");
  const target = activity.targetName ?? t("someone");
  const text =
    activity.kind === "assigned" && activity.detail?.via === AUTO_ASSIGNED_DETAIL.via
      ? tAuto("activity", { target })
      : activity.kind === "assigned" && activity.detail?.via === CLAIMED_BY_REPLY_DETAIL.via
        ? t("activity.claimedByReply", { actor })
        : activity.kind === "assigned" && activity.actorName && activity.actorName === activity.targetName
        ? t("activity.assignedSelf", { actor })
        : t(`activity.${activity.kind}`, { actor, target, record: activity.detail?.record ?? "" });
  return (
    <li className="flex justify-center px-4 text-center text-xs text-muted">
      <p className="rounded-full bg-black/[0.03] px-3 py-1">
        {text} · <time dateTime={activity.occurredAt.toISOString()}>{format.dateTime(activity.occurredAt, { timeStyle: "short" })}</time>
      </p>
    </li>
  );
}

/** "Came from: {source}" (SPEC §14), linking the ad or page only when it is an http(s) URL. */
function ReferralLine({ activity }: { activity: ThreadActivity }) {
  const t = useTranslations("content");
  const format = useFormatter();
  const source = activity.detail?.source ?? "";
  const url = activity.detail?.url;
  return (
    <li className="flex justify-center px-4 text-center text-xs text-muted" data-testid="referral-line">
      <p className="rounded-full bg-black/[0.03] px-3 py-1">
        {url && isHttpUrl(url) ? (
          <a href={url} target="_blank" rel="noopener noreferrer nofollow" className="underline underline-offset-2">
            {t("cameFrom", { source })}
          </a>
        ) : (
          t("cameFrom", { source })
        )}{" "}
        · <time dateTime={activity.occurredAt.toISOString()}>{format.dateTime(activity.occurredAt, { timeStyle: "short" })}</time>
      </p>
    </li>
  );
}

function DeliveryIcon({ state }: { state: ThreadMessage["state"] }) {
  if (state === "pending") {
    return (
      <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5">
        <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
        <path d="M8 5v3.2l2 1.3" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
      </svg>
    );
  }
  if (state === "sent") {
    return (
      <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5">
        <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  }
  if (state === "delivered" || state === "read") {
    return (
      <svg viewBox="0 0 18 16" aria-hidden="true" className={cn("h-3.5 w-4", state === "read" && "text-brand-500")}>
        <path d="M1.5 8.5l3 3 6-7M7.5 11.5l6-7" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  }
  return null;
}

function DeliveryLine({ message, conversationId }: { message: ThreadMessage; conversationId: string }) {
  const t = useTranslations("conversation");
  if (message.state === "failed") {
    // The reason in the reader's language from the provider's code; the provider's own words
    // stay one click away (explainFailure, docs/decisions.md "Polish (issue 16)").
    const explanation = explainFailure(message.failureReason);
    const raw = message.failureReason && !failureKey(message.failureReason) ? message.failureReason : null;
    return (
      <div className="flex max-w-[min(36rem,100%)] flex-col items-end gap-0.5 px-1 text-right text-xs">
        <p className="text-danger" data-testid="delivery-state">
          {t("notDeliveredBecause", { reason: t(`failure.${explanation.reason}`) })}
        </p>
        {raw ? (
          <details className="text-muted" data-testid="failure-detail">
            <summary className="cursor-pointer">{t("failureDetail")}</summary>
            <p className="break-words">{raw}</p>
          </details>
        ) : null}
        {canSendAgain(message) ? <ResendButton conversationId={conversationId} messageId={message.id} /> : null}
      </div>
    );
  }
  return (
    <p className="flex items-center gap-1 px-1 text-xs text-muted" data-testid="delivery-state">
      <DeliveryIcon state={message.state} />
      {t(`state.${message.state}`)}
    </p>
  );
}

/**
 * One message. A continuation (same sender, moments after the previous message) drops the
 * visible name and time line to keep runs of messages compact; screen readers still get both.
 */
export function MessageItem({
  message,
  contactName,
  conversationId,
  provider,
  isContinuation = false,
  showsDelivery = true,
}: {
  message: ThreadMessage;
  contactName: string;
  conversationId: string;
  provider: Provider;
  isContinuation?: boolean;
  /** False when the next message of the run says the same, so a run carries its state once. */
  showsDelivery?: boolean;
}) {
  const t = useTranslations("conversation");
  const tc = useTranslations("content");
  const format = useFormatter();
  const isOutbound = message.direction === "outbound";
  const onBrand = isOutbound && message.state !== "failed";
  const content = readContent(message.kind, message.payload);
  const mediaHref = (index: number) => attachmentHref(provider, message, index);
  const sender = isOutbound ? (message.senderName ?? t("sentFromElsewhere")) : contactName;
  const fullTime = format.dateTime(message.occurredAt, { dateStyle: "full", timeStyle: "short" });
  return (
    <li
      className={cn("flex flex-col gap-1", isOutbound ? "items-end pl-6 sm:pl-16" : "items-start pr-6 sm:pr-16", isContinuation && "-mt-2")}
      title={isContinuation ? fullTime : undefined}
    >
      <p className={cn("flex items-baseline gap-2 px-1 text-xs text-muted", isContinuation && "sr-only")}>
        <span className="font-medium text-ink">{sender}</span>
        <time dateTime={message.occurredAt.toISOString()} title={fullTime}>
          {format.dateTime(message.occurredAt, { timeStyle: "short" })}
        </time>
      </p>
      <div
        className={cn(
          "flex max-w-[min(36rem,100%)] flex-col gap-2 rounded-2xl px-3.5 py-2 leading-relaxed",
          !isOutbound && "rounded-bl-md border border-line bg-white shadow-xs",
          isOutbound && message.state !== "failed" && "rounded-br-md bg-brand-500 text-white",
          isOutbound && message.state === "failed" && "rounded-br-md border border-red-200 bg-red-50 text-ink",
          message.state === "pending" && "opacity-70",
        )}
      >
        {message.quoted ? (
          <QuotedMessage
            quoted={message.quoted}
            senderName={message.quoted.direction === "inbound" ? contactName : t("you")}
            isOutbound={onBrand}
          />
        ) : null}
        {message.text ? <MessageText text={message.text} /> : null}
        <ContentCard content={content} provider={provider} isOutbound={onBrand} mediaHref={mediaHref} />
        {message.attachments.map((attachment, index) =>
          content.kind === "contact" && content.mediaIndex === index ? null : (
            <AttachmentView key={index} attachment={attachment} href={mediaHref(index)} isOutbound={onBrand} />
          ),
        )}
        {message.editedAt || content.buttonPayload ? (
          <p className={cn("text-xs", onBrand ? "text-white/75" : "text-muted")}>
            {[content.buttonPayload ? tc("buttonReply") : null, message.editedAt ? tc("edited") : null].filter(Boolean).join(" · ")}
          </p>
        ) : null}
      </div>
      {message.reaction ? (
        <div className={cn("flex", isOutbound ? "justify-end" : "justify-start")}>
          <ReactionBadge emoji={message.reaction} contactName={contactName} />
        </div>
      ) : null}
      {isOutbound && (showsDelivery || message.state === "failed") ? <DeliveryLine message={message} conversationId={conversationId} /> : null}
    </li>
  );
}
