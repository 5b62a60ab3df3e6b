const PREVIEW_LENGTH = 140;

/** Null when the message is only attachments; the list then shows the "Attachment" label. */
export function messagePreview(text: string): string | null {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat ? flat.slice(0, PREVIEW_LENGTH) : null;
}
