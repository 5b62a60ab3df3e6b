import type { Attachment, Provider } from "@/db/schema";

/*
 * SPEC §14, sending attachments: what the reply box takes. Browser-safe, so the box refuses a
 * file before uploading it and the upload route applies the very same rule.
 */

/** WhatsApp's largest media (documents, video) is 16 MB; the app holds every provider to it. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

const DOCUMENTS = [
  "application/pdf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "text/plain",
];

/**
 * Types each provider delivers (Twilio's WhatsApp media list; Messenger's attachment types).
 * SVG and HTML are never among them: served from our origin they could run script.
 */
export const ACCEPTED_TYPES: Record<Provider, readonly string[]> = {
  whatsapp: ["image/jpeg", "image/png", "video/mp4", "video/3gpp", "audio/mpeg", "audio/ogg", "audio/aac", "audio/mp4", "audio/amr", ...DOCUMENTS],
  messenger: ["image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "audio/mpeg", "audio/ogg", "audio/aac", "audio/mp4", ...DOCUMENTS, "text/csv", "application/zip"],
};

export type FileRefusal = "file_too_large" | "file_type_refused" | "file_empty";

/** The MIME type without parameters, lower-cased ("text/plain; charset=utf-8" → "text/plain"). */
export function baseType(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}

export function checkFile(provider: Provider, file: { size: number; type: string }): { ok: true; type: string } | { ok: false; reason: FileRefusal } {
  const type = baseType(file.type);
  if (!ACCEPTED_TYPES[provider].includes(type)) return { ok: false, reason: "file_type_refused" };
  if (file.size > MAX_FILE_BYTES) return { ok: false, reason: "file_too_large" };
  if (file.size <= 0) return { ok: false, reason: "file_empty" };
  return { ok: true, type };
}

/** How the thread and the provider treat the file: image, video and audio play; the rest is a file. */
export function attachmentTypeOf(contentType: string): Attachment["type"] {
  const type = baseType(contentType);
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  return "file";
}

/** A file name safe to store and show: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.replace(/[\u0000-\u001f\u007f]/g, "").split(/[\\/]/).pop()!.trim();
  return Array.from(base).slice(-200).join("") || "file";
}

/** "2.4 MB" for refusals and chips; decimal megabytes as people read them. */
export const MAX_FILE_MB = MAX_FILE_BYTES / (1024 * 1024);
