import type { Attachment } from "@/db/schema";
import type { Referral } from "@/lib/channels/types";
import { isHttpUrl } from "@/lib/safe-url";
import { contentSchemas, type MessageContent } from "@/db/message-content";
import type { FormParams } from "@/lib/channels/whatsapp/form";

/*
 * Twilio's inbound WhatsApp parameters → our attachments, content kind and "Came from" line
 * (SPEC §14): media, shared locations, vCards, button taps, click-to-WhatsApp referrals.
 */

/** Twilio sends at most 10 media per message; the cap keeps a forged count from looping long. */
const MAX_MEDIA = 10;

/** A parameter's single value; a repeated one is not something Twilio sends, so it is ignored. */
export function single(params: FormParams, name: string): string | undefined {
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  return typeof value === "string" ? value : undefined;
}

const isVcard = (contentType: string | undefined) => /^text\/(x-)?vcard\b/i.test(contentType ?? "");

function attachmentType(contentType: string | undefined): Attachment["type"] {
  const family = contentType?.split("/")[0];
  return family === "image" || family === "video" || family === "audio" ? family : "file";
}

type Media = { url: string; contentType?: string };

function mediaOf(params: FormParams): Media[] {
  const count = Number(single(params, "NumMedia") ?? "0");
  const media: Media[] = [];
  for (let index = 0; index < Math.min(Number.isInteger(count) ? count : 0, MAX_MEDIA); index++) {
    const url = single(params, `MediaUrl${index}`);
    if (!url || !isHttpUrl(url)) continue;
    const contentType = single(params, `MediaContentType${index}`);
    media.push({ url, ...(contentType ? { contentType } : {}) });
  }
  return media;
}

function locationOf(params: FormParams): MessageContent | null {
  const latitude = Number(single(params, "Latitude"));
  const longitude = Number(single(params, "Longitude"));
  const label = single(params, "Label")?.trim();
  const address = single(params, "Address")?.trim();
  const parsed = contentSchemas.location.safeParse({
    latitude: single(params, "Latitude") ? latitude : undefined,
    longitude: single(params, "Longitude") ? longitude : undefined,
    ...(label ? { name: label } : {}),
    ...(address ? { address } : {}),
  });
  return parsed.success ? { kind: "location", ...parsed.data } : null;
}

/**
 * The message's content, attachments and text. A button tap shows the button's text
 * (`ButtonText`) and keeps its payload; a vCard becomes a contact card; a message with
 * nothing we can show says so instead of arriving empty.
 */
export function twilioContent(params: FormParams): { text: string; content: MessageContent; attachments: Attachment[] } {
  const body = single(params, "Body") ?? "";
  const text = single(params, "ButtonText")?.trim() || body;
  const buttonPayload = single(params, "ButtonPayload");
  const tapped = buttonPayload ? { buttonPayload: buttonPayload.slice(0, 2000) } : {};
  const attachments = mediaOf(params).map(
    (item): Attachment => ({ type: attachmentType(item.contentType), url: item.url, ...(item.contentType ? { contentType: item.contentType } : {}) }),
  );
  // The vCard stays an attachment (the media proxy serves it by index); the card names which one.
  const vcardIndex = attachments.findIndex((item) => isVcard(item.contentType));

  const location = locationOf(params);
  if (location) return { text, content: { ...location, ...tapped }, attachments };
  if (vcardIndex >= 0) return { text, content: { kind: "contact", ...tapped, mediaIndex: vcardIndex }, attachments };
  if (!text && attachments.length === 0) {
    const type = single(params, "MessageType");
    return { text, content: { kind: "unsupported", ...tapped, ...(type ? { type: type.slice(0, 64) } : {}) }, attachments };
  }
  return { text, content: { kind: "text", ...tapped }, attachments };
}

/** Click-to-WhatsApp ads: "Came from: {headline}", linking the ad's http(s) source. */
export function twilioReferral(params: FormParams): Referral | null {
  const source = [single(params, "ReferralHeadline"), single(params, "ReferralBody"), single(params, "ReferralSourceType")]
    .map((value) => value?.trim())
    .find(Boolean);
  const url = single(params, "ReferralSourceUrl");
  const link = url && isHttpUrl(url) ? url : undefined;
  if (!source && !link) return null;
  return { source: (source ?? link!).slice(0, 500), ...(link ? { url: link } : {}) };
}
