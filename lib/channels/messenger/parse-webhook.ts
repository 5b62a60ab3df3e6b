import { z } from "zod";
import type { InboundEvent, ParseResult } from "@/lib/channels/types";
import { messengerContent, messengerReferral, rawAttachmentSchema, referralSchema } from "./content";

/** Ids arrive as strings today; 2016-era bodies (and restfb's fixtures) send JSON numbers. */
const idSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  // PSIDs and page ids are short digit strings; the cap keeps a signed but absurd id out of the index.
  .pipe(z.string().min(1).max(128));

const envelopeSchema = z.object({
  object: z.literal("page"),
  entry: z.array(
    z.object({
      id: idSchema,
      // Handover protocol: while another app owns the thread, events arrive in `standby`.
      messaging: z.array(z.record(z.string(), z.unknown())).optional(),
      standby: z.array(z.record(z.string(), z.unknown())).optional(),
    }),
  ),
});

const participantSchema = z.object({ id: idSchema });
/** Milliseconds that make a valid Date; anything else is a malformed event, not a crash. */
const epochMs = z.number().int().min(0).max(8.64e15);
const mid = z.string().min(1).max(512);
/** Optional parts we only show: a broken one is dropped, never a reason to refuse the batch. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const messageEventSchema = z.object({
  sender: participantSchema,
  recipient: participantSchema,
  timestamp: epochMs,
  message: z.object({
    mid,
    text: z.string().optional(),
    is_echo: z.boolean().optional(),
    metadata: z.string().max(1000).optional(),
    sticker_id: z.unknown().optional(),
    quick_reply: lenient(z.object({ payload: z.string().max(2000) })),
    reply_to: lenient(z.object({ mid })),
    referral: lenient(referralSchema),
    attachments: z.array(rawAttachmentSchema).max(100).optional(),
  }),
});

const postbackEventSchema = z.object({
  sender: participantSchema,
  recipient: participantSchema,
  timestamp: epochMs,
  postback: z.object({
    title: z.string().max(2000).optional(),
    payload: z.string().max(2000).optional(),
    mid: mid.optional(),
    referral: lenient(referralSchema),
  }),
});

const referralEventSchema = z.object({ sender: participantSchema, timestamp: epochMs, referral: referralSchema });

const reactionEventSchema = z.object({
  sender: participantSchema,
  reaction: z.object({
    mid,
    action: z.enum(["react", "unreact"]),
    emoji: z.string().max(64).optional(),
    reaction: z.string().max(64).optional(),
  }),
});

const editEventSchema = z.object({
  sender: participantSchema,
  message_edit: z.object({ mid, text: z.string() }),
});

const deliveryEventSchema = z.object({
  sender: participantSchema,
  delivery: z.object({ mids: z.array(z.string()).optional(), watermark: epochMs }),
});

const readEventSchema = z.object({
  sender: participantSchema,
  read: z.object({ watermark: epochMs }),
});

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

/** `null` = malformed; `[]` = an event type we don't handle (optin, handover, policy…). */
function parseEvent(event: Record<string, unknown>): InboundEvent[] | null {
  if (Object.hasOwn(event, "message")) {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) return null;
    const { sender, recipient, timestamp, message } = parsed.data;
    const isEcho = message.is_echo === true;
    const text = message.text ?? "";
    const { content, attachments } = messengerContent(message.attachments ?? [], {
      text,
      stickerId: message.sticker_id !== undefined && message.sticker_id !== null,
      quickReplyPayload: message.quick_reply?.payload,
    });
    return [
      {
        kind: "message",
        // Echoes are messages the Page sent from elsewhere (Meta's inbox, another app).
        direction: isEcho ? "outbound" : "inbound",
        contactId: isEcho ? recipient.id : sender.id,
        contactName: null,
        providerMessageId: message.mid,
        text,
        attachments,
        content,
        replyTo: message.reply_to?.mid ?? null,
        referral: message.referral ? messengerReferral(message.referral) : null,
        occurredAt: new Date(timestamp),
        reference: isEcho ? (message.metadata ?? null) : null,
      },
    ];
  }
  if (Object.hasOwn(event, "postback")) {
    const parsed = postbackEventSchema.safeParse(event);
    if (!parsed.success) return null;
    const { sender, timestamp, postback } = parsed.data;
    const title = postback.title?.trim() ?? "";
    const buttonPayload = postback.payload ? { buttonPayload: postback.payload } : {};
    return [
      {
        kind: "message",
        direction: "inbound",
        contactId: sender.id,
        contactName: null,
        // Older postbacks carry no mid: sender and time name the tap, so a retry stays one message.
        providerMessageId: postback.mid ?? `postback:${sender.id}:${timestamp}`,
        text: title,
        attachments: [],
        content: title ? { kind: "text", ...buttonPayload } : { kind: "unsupported", type: "postback", ...buttonPayload },
        referral: postback.referral ? messengerReferral(postback.referral) : null,
        occurredAt: new Date(timestamp),
      },
    ];
  }
  if (Object.hasOwn(event, "referral")) {
    const parsed = referralEventSchema.safeParse(event);
    if (!parsed.success) return null;
    const referral = messengerReferral(parsed.data.referral);
    return referral
      ? [{ kind: "referral", contactId: parsed.data.sender.id, referral, occurredAt: new Date(parsed.data.timestamp) }]
      : [];
  }
  if (Object.hasOwn(event, "reaction")) {
    const parsed = reactionEventSchema.safeParse(event);
    if (!parsed.success) return null;
    const { sender, reaction } = parsed.data;
    const emoji = reaction.action === "unreact" ? null : (reaction.emoji ?? reaction.reaction ?? null);
    if (reaction.action === "react" && !emoji) return [];
    return [{ kind: "reaction", contactId: sender.id, providerMessageId: reaction.mid, emoji }];
  }
  if (Object.hasOwn(event, "message_edit")) {
    const parsed = editEventSchema.safeParse(event);
    if (!parsed.success) return null;
    const { sender, message_edit } = parsed.data;
    return [{ kind: "edit", contactId: sender.id, providerMessageId: message_edit.mid, text: message_edit.text }];
  }
  if (Object.hasOwn(event, "delivery")) {
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
  if (Object.hasOwn(event, "read")) {
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
