import type { Attachment, Provider } from "@/db/schema";
import { isHttpUrl } from "@/lib/safe-url";

/**
 * Where the browser loads a message's attachment from: an agent's upload from /api/files; Twilio media (inbound WhatsApp) through
 * `/api/media/{messageId}/{n}`, which adds the app's credentials; Messenger CDN links as they
 * are; null when the URL is not http(s) (shown as text, never fetched or linked). Browser-safe.
 */
export function attachmentHref(
  provider: Provider,
  message: { id: string; direction: "inbound" | "outbound"; attachments: Attachment[] },
  index: number,
): string | null {
  const attachment = message.attachments[index];
  // An agent's upload is served by the app to the users who may see the conversation.
  if (attachment?.fileId) return `/api/files/${attachment.fileId}`;
  if (!attachment || !isHttpUrl(attachment.url)) return null;
  if (provider === "whatsapp" && message.direction === "inbound") return `/api/media/${message.id}/${index}`;
  return attachment.url;
}
