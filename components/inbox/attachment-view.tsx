import { useTranslations } from "next-intl";
import type { Attachment } from "@/db/schema";
import { isHttpUrl } from "@/lib/safe-url";
import { cn } from "@/components/ui/cn";

/** The last path segment of a URL ("3.pdf"), when it looks like a file name. */
function fileNameOf(url: string): string | null {
  const raw = new URL(url).pathname.split("/").pop() ?? "";
  let segment: string;
  try {
    segment = decodeURIComponent(raw).trim();
  } catch {
    segment = raw;
  }
  return /\.[A-Za-z0-9]{1,8}$/.test(segment) ? segment : null;
}

/** Spec §8: only http(s) URLs become image sources or links; anything else stays as text. */
export function AttachmentView({ attachment, href, isOutbound }: { attachment: Attachment; href?: string | null; isOutbound: boolean }) {
  const t = useTranslations("conversation");
  const label = t(`attachment.${attachment.type}`);
  if (!isHttpUrl(attachment.url) || href === null) {
    return (
      <p className={cn("break-all text-xs", isOutbound ? "text-white/80" : "text-muted")}>
        {label}: {attachment.url}
      </p>
    );
  }
  // Twilio media needs the app's credentials: the inbox shows it through /api/media (SPEC §14).
  const url = href ?? attachment.url;
  if (attachment.type === "image") {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer nofollow" className="block" aria-label={t("openAttachment", { type: label })}>
        {/* eslint-disable-next-line @next/next/no-img-element -- provider-hosted images of unknown size and host */}
        <img
          src={url}
          alt={label}
          loading="lazy"
          referrerPolicy="no-referrer"
          className="max-h-64 max-w-full rounded-lg border border-black/5 bg-canvas"
        />
      </a>
    );
  }
  if (attachment.type === "audio") {
    return (
      <audio controls preload="none" src={url} aria-label={label} className="w-64 max-w-full">
        <a href={url} target="_blank" rel="noopener noreferrer nofollow">{t("openAttachment", { type: label })}</a>
      </audio>
    );
  }
  if (attachment.type === "video") {
    return (
      <video controls preload="metadata" src={url} aria-label={label} className="max-h-72 max-w-full rounded-lg bg-black">
        <a href={url} target="_blank" rel="noopener noreferrer nofollow">{t("openAttachment", { type: label })}</a>
      </video>
    );
  }
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="inline-flex max-w-full items-center gap-2 self-start rounded-md border border-line bg-white px-2.5 py-1.5 text-sm text-brand-700 hover:bg-canvas"
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" className="h-4 w-4 shrink-0 text-muted">
        <path
          d="M10.5 4.5l-5 5a1.4 1.4 0 002 2l5.5-5.5a2.8 2.8 0 00-4-4L3.5 7.5a4.2 4.2 0 006 6l4-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.3"
          strokeLinecap="round"
        />
      </svg>
      <span className="truncate">{attachment.name ?? fileNameOf(attachment.url) ?? t("openAttachment", { type: label })}</span>
    </a>
  );
}
