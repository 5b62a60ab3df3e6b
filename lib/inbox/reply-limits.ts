import type { Provider } from "@/db/schema";

/** Longest text each provider takes in one message: Messenger 2000, Twilio WhatsApp 1600 characters. */
export const REPLY_LIMITS: Record<Provider, number> = { messenger: 2000, whatsapp: 1600 };

export type ReplyTextCheck = { ok: true; text: string } | { ok: false; reason: "empty_reply" } | { ok: false; reason: "reply_too_long"; limit: number };

/** Shared by the reply box (live hint) and the server (the rule). Counts characters, not UTF-16 units. */
export function checkReplyText(provider: Provider, raw: string): ReplyTextCheck {
  const text = raw.replace(/\s+$/, "");
  if (text.trim() === "") return { ok: false, reason: "empty_reply" };
  const limit = REPLY_LIMITS[provider];
  if (Array.from(text).length > limit) return { ok: false, reason: "reply_too_long", limit };
  return { ok: true, text };
}
