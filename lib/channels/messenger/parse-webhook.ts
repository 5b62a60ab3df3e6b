import { z } from "zod";
import type { Attachment } from "@/db/schema";
import type { InboundEvent, ParseResult } from "@/lib/channels/types";
import { isHttpUrl } from "@/lib/channels/safe-url";

const envelopeSchema = z.object({
  object: z.literal("page"),
  entry: z.array(
    z.object({
      id: z.string(),
      // Handover protocol: while another app owns the thread, events arrive in `standby`.
      messaging: z.array(z.record(z.string(), z.unknown())).optional(),
      standby: z.array(z.record(z.string(), z.unknown())).optional(),
    }),
  ),
});

// PSIDs and page ids are short digit strings; the cap keeps a signed but absurd id out of the index.
const participantSchema = z.object({ id: z.string().min(1).max(128) });
/** Milliseconds that make a valid Date; anything else is a malformed event, not a crash. */
const epochMs = z.number().int().min(0).max(8.64e15);

const messageEventSchema = z.object({
  sender: participantSchema,
  recipient: participantSchema,
  timestamp: epochMs,
  message: z.object({
    mid: z.string().min(1),
    text: z.string().optional(),
    is_echo: z.boolean().optional(),
    metadata: z.string().max(1000).optional(),
    // Lenient on purpose: an attachment we can't show is dropped, not a reason to refuse the batch.
    attachments: z
      .array(z.object({ type: z.string(), payload: z.object({ url: z.unknown().optional() }).nullish().catch(null) }))
      .optional(),
  }),
});

const deliveryEventSchema = z.object({
  sender: participantSchema,
  delivery: z.object({ mids: z.array(z.string()).optional(), watermark: epochMs }),
});

const readEventSchema = z.object({
  sender: participantSchema,
  read: z.object({ watermark: epochMs }),
});

type RawAttachment = NonNullable<z.infer<typeof messageEventSchema>["message"]["attachments"]>[number];

const SHOWN_TYPES = new Set<Attachment["type"]>(["image", "video", "audio", "file"]);

function toAttachment(raw: RawAttachment): Attachment | null {
  const url = raw.payload?.url;
  if (typeof url !== "string" || !isHttpUrl(url)) return null;
  // fallback, template, reel…: still worth a link when Meta gives one.
  const type = SHOWN_TYPES.has(raw.type as Attachment["type"]) ? (raw.type as Attachment["type"]) : "file";
  return { type, url };
}

/** Meta sends a handful of events per POST; SPEC §15 caps it so one body cannot fan out without end. */
export const MAX_EVENTS_PER_POST = 1000;

/**
 * Entries plus the events inside them, counted before any schema runs: zod walks a huge array
 * item by item, building an issue for each, so the count is what keeps a signed bomb cheap.
 */
function countEvents(json: unknown): number {
  if (typeof json !== "object" || json === null || !("entry" in json) || !Array.isArray(json.entry)) return 0;
  if (json.entry.length > MAX_EVENTS_PER_POST) return json.entry.length;
  let count = 0;
  for (const entry of json.entry as unknown[]) {
    if (typeof entry !== "object" || entry === null) continue;
    for (const key of ["messaging", "standby"] as const) {
      const list = (entry as Record<string, unknown>)[key];
      if (Array.isArray(list)) count += list.length;
    }
  }
  return Math.max(count, json.entry.length);
}

/** `null` = malformed; `[]` = an event type we don't handle (postback, reaction, optin…). */
function parseEvent(event: Record<string, unknown>): InboundEvent[] | null {
  if ("message" in event) {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) return null;
    const { sender, recipient, timestamp, message } = parsed.data;
    const isEcho = message.is_echo === true;
    return [
      {
        kind: "message",
        // Echoes are messages the Page sent from elsewhere (Meta's inbox, another app).
        direction: isEcho ? "outbound" : "inbound",
        contactId: isEcho ? recipient.id : sender.id,
        contactName: null,
        providerMessageId: message.mid,
        text: message.text ?? "",
        attachments: (message.attachments ?? []).map(toAttachment).filter((a) => a !== null),
        occurredAt: new Date(timestamp),
        reference: isEcho ? (message.metadata ?? null) : null,
      },
    ];
  }
  if ("delivery" in event) {
    const parsed = deliveryEventSchema.safeParse(event);
    if (!parsed.success) return null;
    const { sender, delivery } = parsed.data;
    return [
      {
        kind: "delivery",
        contactId: sender.id,
        // `mids` may be missing; the watermark alone then says "everything before this".
        providerMessageIds: delivery.mids ?? [],
        watermark: new Date(delivery.watermark),
        state: "delivered",
        failureReason: null,
      },
    ];
  }
  if ("read" in event) {
    const parsed = readEventSchema.safeParse(event);
    if (!parsed.success) return null;
    return [
      {
        kind: "delivery",
        contactId: parsed.data.sender.id,
        providerMessageIds: [],
        watermark: new Date(parsed.data.read.watermark),
        state: "read",
        failureReason: null,
      },
    ];
  }
  return [];
}

/**
 * Turns one webhook POST into events. Meta batches several entries and events per POST
 * (spec §8), so every one is taken, and one malformed event rejects the whole request so
 * nothing is half-stored.
 */
export function parseMessengerWebhook(json: unknown, pageId: string): ParseResult {
  if (countEvents(json) > MAX_EVENTS_PER_POST) return { ok: false, reason: "too_large" };
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: "malformed" };
  const events: InboundEvent[] = [];
  for (const entry of envelope.data.entry) {
    // One Meta app's webhook receives every Page subscribed to it; only this app's Page counts.
    if (entry.id !== pageId) continue;
    for (const raw of [...(entry.messaging ?? []), ...(entry.standby ?? [])]) {
      const parsed = parseEvent(raw);
      if (parsed === null) return { ok: false, reason: "malformed" };
      events.push(...parsed);
    }
  }
  return { ok: true, events };
}
