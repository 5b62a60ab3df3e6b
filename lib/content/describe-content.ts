import type { Provider } from "@/db/schema";
import { placeOf, readContent, type MessageContent } from "@/db/message-content";

/*
 * One wording of what a message holds, for every place that shows it as a line of text: the
 * conversation list's preview, push and email notifications, CRM history notes (SPEC §14).
 * `t` is a root translator (next-intl's useTranslations() / getTranslations(), or the jobs'
 * translatorFor().t), so the same keys serve the browser, the server and the worker.
 */

/** Jobs' translators are typed by their catalog (cast to this); components' take plain strings. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export const PROVIDER_NAMES: Record<Provider, string> = { messenger: "Messenger", whatsapp: "WhatsApp" };

/** The words for a content kind alone, or null for plain text. */
export function describeKind(t: Translate, content: MessageContent, provider?: Provider): string | null {
  switch (content.kind) {
    case "text":
      return null;
    case "location":
      return t("content.location", { place: placeOf(content) });
    case "sticker":
      return t("content.sticker");
    case "contact":
      return content.name ? t("content.contact", { name: content.name }) : t("content.contactCard");
    case "template":
      return content.title ? t("content.template", { title: content.title }) : t("content.templateUntitled");
    case "unsupported":
      return provider ? t("content.unsupported", { provider: PROVIDER_NAMES[provider] }) : t("content.unsupportedShort");
  }
}

/** A message as one line: its text, else what it holds ("📍 Location: …", "Sticker", "📎 2 attachments"). */
export function describeMessage(
  t: Translate,
  message: { text: string; kind?: string | null; payload?: unknown; attachments: number },
  provider?: Provider,
): string {
  const content = readContent(message.kind ?? "text", message.payload);
  const kind = describeKind(t, content, provider);
  const text = message.text.replace(/\s+/g, " ").trim();
  if (kind && text && content.kind !== "template") return `${kind} · ${text}`;
  if (kind) return kind;
  if (text) return text;
  return message.attachments > 0 ? t("content.attachments", { count: message.attachments }) : t("content.unsupportedShort");
}

/** The list's preview line from the stored preview words and the last message's kind. */
export function describePreview(t: Translate, preview: string | null, kind: string | null | undefined): string | null {
  switch (kind) {
    case "location":
      return t("content.location", { place: preview ?? "" });
    case "sticker":
      return t("content.sticker");
    case "contact":
      return preview ? t("content.contact", { name: preview }) : t("content.contactCard");
    case "template":
      return preview ? t("content.template", { title: preview }) : t("content.templateUntitled");
    case "unsupported":
      return t("content.unsupportedShort");
    default:
      return preview;
  }
}
