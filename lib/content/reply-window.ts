import type { Provider } from "@/db/schema";

/*
 * SPEC §14, the 24-hour window: until when the customer may be answered, and how. Pure and
 * browser-safe; lib/content/last-inbound.ts supplies the customer's last message time.
 */

const HOUR_MS = 60 * 60 * 1000;
/** Both providers' customer-service window after the customer's last message. */
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** Messenger's HUMAN_AGENT tag extends it for a person's reply (PROVIDERS.md §6). */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

export type ReplyWindow =
  /** Free-form replies go out as they are until `until`. */
  | { kind: "open"; until: Date }
  /** Messenger, 24 h – 7 days: replies carry the HUMAN_AGENT tag until `until`. */
  | { kind: "human_agent"; until: Date }
  /** WhatsApp after 24 h: only an approved template reaches the customer. */
  | { kind: "template_only" }
  /** Messenger after 7 days: nothing can be sent until the customer writes. */
  | { kind: "closed" }
  /** The customer has not written (yet): nothing to count from. */
  | { kind: "unknown" };

export function replyWindow(provider: Provider, lastInboundAt: Date | null, now = new Date()): ReplyWindow {
  if (!lastInboundAt) return { kind: "unknown" };
  const standardEnd = new Date(lastInboundAt.getTime() + STANDARD_WINDOW_MS);
  if (now < standardEnd) return { kind: "open", until: standardEnd };
  if (provider === "whatsapp") return { kind: "template_only" };
  const humanAgentEnd = new Date(lastInboundAt.getTime() + HUMAN_AGENT_WINDOW_MS);
  return now < humanAgentEnd ? { kind: "human_agent", until: humanAgentEnd } : { kind: "closed" };
}
