import { z } from "zod";
import type { Attachment } from "@/db/schema";
import type { Referral } from "@/lib/channels/types";
import { isHttpUrl } from "@/lib/safe-url";
import type { MessageContent } from "@/db/message-content";

/*
 * Messenger attachments and referrals → our attachments, content kind and "Came from" line
 * (SPEC §14). Lenient on purpose: an attachment we can't read is left out, never a reason to
 * refuse the batch; a message left with nothing to show becomes "unsupported".
 */

export const rawAttachmentSchema = z.object({
  type: z.string().max(64),
  title: z.string().max(1000).nullish().catch(null),
  payload: z.record(z.string(), z.unknown()).nullish().catch(null),
});
type RawAttachment = z.infer<typeof rawAttachmentSchema>;

const coordinatesSchema = z.object({ lat: z.number().min(-90).max(90), long: z.number().min(-180).max(180) });
const MEDIA_TYPES = new Set(["image", "video", "audio", "file"]);

const httpUrl = (value: unknown): string | undefined => (typeof value === "string" && isHttpUrl(value) ? value : undefined);
const title = (raw: RawAttachment) => raw.title?.trim() || undefined;

function toAttachment(raw: RawAttachment): Attachment | null {
  const url = httpUrl(raw.payload?.url);
  if (!url) return null;
  // fallback (shared links), reels and other types Meta adds: still worth a link when it gives one.
  const type = MEDIA_TYPES.has(raw.type) ? (raw.type as Attachment["type"]) : "file";
  const name = title(raw) ?? (typeof raw.payload?.title === "string" ? raw.payload.title.slice(0, 300) : undefined);
  return { type, url, ...(name ? { name } : {}) };
}

/**
 * What one Messenger message holds. A sticker arrives as `sticker_id` with an image, or (from
 * 2026) as its own attachment type; a location as coordinates; a template (echoes of what a
 * bot sent) by its title.
 */
export function messengerContent(
  raws: RawAttachment[],
  message: { text: string; stickerId: boolean; quickReplyPayload?: string },
): { content: MessageContent; attachments: Attachment[] } {
  const tapped = message.quickReplyPayload ? { buttonPayload: message.quickReplyPayload } : {};
  const attachments: Attachment[] = [];
  let content: MessageContent | null = null;
  for (const raw of raws) {
    const isSticker = raw.type === "sticker" || (raw.type === "image" && (message.stickerId || raw.payload?.sticker_id !== undefined));
    if (isSticker) {
      const url = httpUrl(raw.payload?.url);
      content ??= { kind: "sticker", ...tapped, ...(url ? { url } : {}) };
      continue;
    }
    if (raw.type === "location") {
      const coordinates = coordinatesSchema.safeParse(raw.payload?.coordinates);
      if (coordinates.success) {
        const name = title(raw);
        content ??= { kind: "location", ...tapped, latitude: coordinates.data.lat, longitude: coordinates.data.long, ...(name ? { name } : {}) };
        continue;
      }
    }
    if (raw.type === "template") {
      const name = title(raw) ?? (typeof raw.payload?.text === "string" ? raw.payload.text : undefined);
      content ??= { kind: "template", ...tapped, ...(name ? { title: name.slice(0, 1000) } : {}) };
      continue;
    }
    const attachment = toAttachment(raw);
    if (attachment) attachments.push(attachment);
  }
  if (content) return { content, attachments };
  if (!message.text && attachments.length === 0) {
    return { content: { kind: "unsupported", ...tapped, ...(raws[0] ? { type: raws[0].type } : {}) }, attachments };
  }
  return { content: { kind: "text", ...tapped }, attachments };
}

export const referralSchema = z
  .object({
    ref: z.string().max(500).optional(),
    source: z.string().max(100).optional(),
    type: z.string().max(100).optional(),
    referer_uri: z.string().max(2000).optional(),
    ads_context_data: z.object({ ad_title: z.string().max(500).optional() }).partial().optional().catch(undefined),
  })
  .partial();

/** "Came from: {ad title}", else the provider's source and ref ("SHORTLINK · summer-sale"). */
export function messengerReferral(raw: z.infer<typeof referralSchema>): Referral | null {
  const source = raw.ads_context_data?.ad_title?.trim() || [raw.source, raw.ref].filter(Boolean).join(" · ");
  if (!source) return null;
  const url = httpUrl(raw.referer_uri);
  return { source, ...(url ? { url } : {}) };
}
