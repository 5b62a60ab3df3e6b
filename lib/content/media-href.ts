import type { Attachment, Provider } from "@/db/schema";
import { isHttpUrl } from "@/lib/channels/safe-url";

/**
 * Where the browser loads a message's attachment from: Twilio media (inbound WhatsApp) through
 * `/api/media/{messageId}/{n}`, which adds the app's credentials; Messenger CDN links as they
 * are; null when the URL is not http(s) (shown as text, never fetched or linked). Browser-safe.
 */
export function attachmentHref(
  provider: Provider,
  message: { id: string; direction: "inbound" | "outbound"; attachments: Attachment[] },
  index: number,
): string | null {
  const attachment = message.attachments[index];
  if (!attachment || !isHttpUrl(attachment.url)) return null;
  if (provider === "whatsapp" && message.direction === "inbound") return `/api/media/${message.id}/${index}`;
  return attachment.url;
}
