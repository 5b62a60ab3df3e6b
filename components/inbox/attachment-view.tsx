import { getTranslations } from "next-intl/server";
import type { Attachment } from "@/db/schema";
import { isHttpUrl } from "@/lib/channels/safe-url";

export async function AttachmentView({ attachment }: { attachment: Attachment }) {
  const t = await getTranslations("conversation");
  const label = t(`attachment.${attachment.type}`);
  if (!isHttpUrl(attachment.url)) {
    return <p className="text-xs text-muted">{label}: {attachment.url}</p>;
  }
  if (attachment.type === "image") {
    return (
      <a href={attachment.url} target="_blank" rel="noopener noreferrer nofollow" className="block">
        {/* eslint-disable-next-line @next/next/no-img-element -- provider-hosted images of unknown size and host */}
        <img src={attachment.url} alt={label} loading="lazy" referrerPolicy="no-referrer" className="max-h-64 max-w-full rounded-md border border-line" />
      </a>
    );
  }
  return (
    <a
      href={attachment.url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="inline-flex items-center gap-2 rounded-md border border-line bg-white px-2.5 py-1.5 text-sm text-brand-700 hover:bg-canvas"
    >
      <span aria-hidden="true">📎</span>
      {t("openAttachment", { type: label })}
    </a>
  );
}
