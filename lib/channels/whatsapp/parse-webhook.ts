import { z } from "zod";
import type { DeliveryEvent, ParseResult } from "@/lib/channels/types";
import { single, twilioContent, twilioReferral } from "@/lib/channels/whatsapp/content";
import { describeTwilioError } from "@/lib/channels/whatsapp/errors";
import type { FormParams } from "@/lib/channels/whatsapp/form";

const MALFORMED = { ok: false, reason: "malformed" } as const;

/** `SM…`/`MM…` from Twilio; test tools and older callbacks send other shapes, which only need to be stable. */
const messageSid = z.string().regex(/^[A-Za-z0-9_-]{2,64}$/);

// Fields we read are single values: a repeated one is not something Twilio sends.
const inboundSchema = z.object({
  MessageSid: messageSid,
  // `whatsapp:+E164`, or a business-scoped id / username for senders without a phone (SPEC §14).
  From: z.string().regex(/^whatsapp:[^\s]{1,100}$/),
  ProfileName: z.string().max(500).optional(),
  NumMedia: z.string().regex(/^\d+$/).optional(),
  OriginalRepliedMessageSid: messageSid.optional().catch(undefined),
});

/**
 * Real Twilio always sends MessageSid; its legacy twins stand in only when it is absent (test
 * tools leave it out). A repeated one is not a sid at all.
 */
const sidOf = (params: FormParams) =>
  Object.hasOwn(params, "MessageSid") ? single(params, "MessageSid") : (single(params, "SmsMessageSid") ?? single(params, "SmsSid"));

/** An inbound WhatsApp message webhook (PROVIDERS.md §2) → one inbound MessageEvent. */
export function parseTwilioInbound(params: FormParams): ParseResult {
  const parsed = inboundSchema.safeParse({
    MessageSid: sidOf(params),
    From: single(params, "From"),
    ProfileName: single(params, "ProfileName"),
    NumMedia: single(params, "NumMedia"),
    OriginalRepliedMessageSid: single(params, "OriginalRepliedMessageSid"),
  });
  if (!parsed.success) return MALFORMED;
  const { MessageSid, From, ProfileName, OriginalRepliedMessageSid } = parsed.data;
  const { text, content, attachments } = twilioContent(params);
  return {
    ok: true,
    events: [
      {
        kind: "message",
        direction: "inbound",
        contactId: From,
        contactName: ProfileName?.trim() || null,
        providerMessageId: MessageSid,
        text,
        attachments,
        content,
        replyTo: OriginalRepliedMessageSid ?? null,
        referral: twilioReferral(params),
        // Twilio's inbound webhook carries no timestamp; it calls us as the message arrives.
        occurredAt: new Date(),
      },
    ],
  };
}

const STATES: Record<string, DeliveryEvent["state"] | null> = {
  // Not yet handed to WhatsApp: nothing to record (PROVIDERS.md §3).
  queued: null,
  accepted: null,
  scheduled: null,
  sending: null,
  // Inbound and group-message states: valid callbacks that move none of our replies.
  receiving: null,
  received: null,
  partially_delivered: null,
  sent: "sent",
  delivered: "delivered",
  read: "read",
  failed: "failed",
  undelivered: "failed",
  canceled: "failed",
};

const statusSchema = z.object({
  MessageSid: messageSid,
  MessageStatus: z.string().refine((status) => Object.hasOwn(STATES, status)),
  To: z.string().optional(),
  ErrorCode: z.string().optional(),
  ErrorMessage: z.string().optional(),
});

function failureReason(status: string, code?: string, message?: string): string {
  if (status === "canceled") return "Twilio canceled the message before sending it";
  return describeTwilioError(code, message);
}

/** A status callback for one of our outbound messages (PROVIDERS.md §3) → zero or one DeliveryEvent. */
export function parseTwilioStatus(params: FormParams): ParseResult {
  const parsed = statusSchema.safeParse({
    MessageSid: sidOf(params),
    MessageStatus: single(params, "MessageStatus"),
    To: single(params, "To"),
    ErrorCode: single(params, "ErrorCode"),
    ErrorMessage: single(params, "ErrorMessage"),
  });
  if (!parsed.success) return MALFORMED;
  const { MessageSid, MessageStatus, To, ErrorCode, ErrorMessage } = parsed.data;
  const state = STATES[MessageStatus];
  if (state === null) return { ok: true, events: [] };
  return {
    ok: true,
    events: [
      {
        kind: "delivery",
        contactId: To ?? null,
        providerMessageIds: [MessageSid],
        watermark: null,
        state,
        failureReason: state === "failed" ? failureReason(MessageStatus, ErrorCode, ErrorMessage) : null,
      },
    ],
  };
}
