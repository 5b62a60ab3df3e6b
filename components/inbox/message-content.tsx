import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { Provider } from "@/db/schema";
import { isHttpUrl } from "@/lib/safe-url";
import { describeMessage } from "@/lib/content/describe-content";
import { mapUrl, placeOf, type MessageContent } from "@/db/message-content";

/*
 * What a message holds beyond its text (SPEC §14), drawn inside its bubble. Like the rest of
 * the thread's items these use next-intl's hooks only, so they render on server and client.
 */

/** Five decimals are about a metre: enough to read, the map link keeps the exact value. */
const roundCoordinate = (value: number) => Number(value.toFixed(5));

const linkClass = "font-medium underline underline-offset-2";

function LocationCard({ content, isOutbound }: { content: Extract<MessageContent, { kind: "location" }>; isOutbound: boolean }) {
  const t = useTranslations("content");
  const heading = content.name ?? content.address ?? t("locationTitle");
  return (
    <figure data-testid="location-card" className={cn("flex min-w-52 flex-col gap-1 rounded-lg border px-3 py-2 text-sm", isOutbound ? "border-white/30" : "border-line bg-canvas")}>
      <figcaption className="flex items-start gap-2 font-medium">
        <svg viewBox="0 0 16 16" aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0">
          <path d="M8 14.5s4.5-4.2 4.5-8a4.5 4.5 0 00-9 0c0 3.8 4.5 8 4.5 8z" fill="none" stroke="currentColor" strokeWidth="1.3" />
          <circle cx="8" cy="6.5" r="1.6" fill="currentColor" />
        </svg>
        <span className="break-words">{heading}</span>
      </figcaption>
      {content.name && content.address ? <p className={cn("break-words text-xs", isOutbound ? "text-white/80" : "text-muted")}>{content.address}</p> : null}
      <p className={cn("text-xs tabular-nums", isOutbound ? "text-white/80" : "text-muted")}>
        {roundCoordinate(content.latitude)}, {roundCoordinate(content.longitude)}
      </p>
      <a href={mapUrl(content)} target="_blank" rel="noopener noreferrer nofollow" className={cn("text-xs", linkClass)} aria-label={`${t("openMap")}: ${placeOf(content)}`}>
        {t("openMap")}
      </a>
    </figure>
  );
}

function Sticker({ url }: { url?: string }) {
  const t = useTranslations("content");
  if (url && isHttpUrl(url)) {
    // eslint-disable-next-line @next/next/no-img-element -- provider-hosted sticker of unknown size and host
    return <img src={url} alt={t("sticker")} loading="lazy" referrerPolicy="no-referrer" className="h-24 w-24 object-contain" />;
  }
  return <p className="text-sm italic">{t("sticker")}</p>;
}

function ContactCard({ content, mediaHref }: { content: Extract<MessageContent, { kind: "contact" }>; mediaHref?: (index: number) => string | null }) {
  const t = useTranslations("content");
  const href = content.mediaIndex !== undefined ? mediaHref?.(content.mediaIndex) : null;
  return (
    <div data-testid="contact-card" className="flex flex-col gap-1 text-sm">
      <p className="font-medium">{content.name ? t("contact", { name: content.name }) : t("contactCard")}</p>
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow" className={cn("text-xs", linkClass)}>
          {t("openContact")}
        </a>
      ) : null}
    </div>
  );
}

/** The card for a message's kind; nothing for plain text. */
export function ContentCard({
  content,
  provider,
  isOutbound,
  mediaHref,
}: {
  content: MessageContent;
  provider: Provider;
  isOutbound: boolean;
  mediaHref?: (index: number) => string | null;
}) {
  const t = useTranslations();
  switch (content.kind) {
    case "text":
      return null;
    case "location":
      return <LocationCard content={content} isOutbound={isOutbound} />;
    case "sticker":
      return <Sticker url={content.url} />;
    case "contact":
      return <ContactCard content={content} mediaHref={mediaHref} />;
    case "template":
      return <p className="text-sm font-medium">{content.title ? t("content.template", { title: content.title }) : t("content.templateUntitled")}</p>;
    case "unsupported":
      return <p className="text-sm italic">{t("content.unsupported", { provider: provider === "messenger" ? "Messenger" : "WhatsApp" })}</p>;
  }
}

/** The quoted original above a reply, when it is stored. */
export function QuotedMessage({
  quoted,
  senderName,
  isOutbound,
}: {
  quoted: { text: string; kind: string; payload: unknown };
  senderName: string;
  isOutbound: boolean;
}) {
  const t = useTranslations();
  return (
    <blockquote
      data-testid="quoted-message"
      className={cn("border-l-2 pl-2 text-xs", isOutbound ? "border-white/50 text-white/85" : "border-brand-300 text-muted")}
    >
      <p className="font-medium">{t("content.replyTo", { name: senderName })}</p>
      <p className="line-clamp-2 break-words">{describeMessage(t, { ...quoted, attachments: 0 })}</p>
    </blockquote>
  );
}

/** The contact's reaction, pinned under the bubble it belongs to. */
export function ReactionBadge({ emoji, contactName }: { emoji: string; contactName: string }) {
  const t = useTranslations("content");
  const label = t("reactedWith", { name: contactName, emoji });
  return (
    <span role="img" aria-label={label} title={label} data-testid="reaction" className="-mt-2.5 ml-3 self-start rounded-full border border-line bg-white px-1.5 text-sm shadow-xs">
      {emoji}
    </span>
  );
}
