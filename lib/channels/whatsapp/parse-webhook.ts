import { z } from "zod";
import type { Attachment } from "@/db/schema";
import type { DeliveryEvent, ParseResult } from "@/lib/channels/types";
import { isHttpUrl } from "@/lib/channels/safe-url";
import { describeTwilioError } from "@/lib/channels/whatsapp/errors";
import type { FormParams } from "@/lib/channels/whatsapp/form";

const MALFORMED = { ok: false, reason: "malformed" } as const;

const messageSid = z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/);
/** Twilio sends at most 10 media per message; the cap keeps a forged count from looping long. */
const MAX_MEDIA = 10;

// Fields we read are single values: a repeated one is not something Twilio sends.
const inboundSchema = z.object({
  MessageSid: messageSid,
  From: z.string().regex(/^whatsapp:\+[1-9]\d{5,14}$/),
  ProfileName: z.string().optional(),
  Body: z.string().optional(),
  NumMedia: z.string().regex(/^\d+$/).optional(),
});

function attachmentType(contentType: string | undefined): Attachment["type"] {
  const family = contentType?.split("/")[0];
  return family === "image" || family === "video" || family === "audio" ? family : "file";
}

function mediaAttachments(params: FormParams, count: number): Attachment[] {
  const attachments: Attachment[] = [];
  for (let i = 0; i < Math.min(count, MAX_MEDIA); i++) {
    const url = params[`MediaUrl${i}`];
    const contentType = params[`MediaContentType${i}`];
    if (typeof url !== "string" || !isHttpUrl(url)) continue;
    const type = typeof contentType === "string" ? contentType : undefined;
    attachments.push({ type: attachmentType(type), url, ...(type ? { contentType: type } : {}) });
  }
  return attachments;
}

/** An inbound WhatsApp message webhook (PROVIDERS.md §2) → one inbound MessageEvent. */
export function parseTwilioInbound(params: FormParams): ParseResult {
  const parsed = inboundSchema.safeParse(params);
  if (!parsed.success) return MALFORMED;
  const { MessageSid, From, ProfileName, Body, NumMedia } = parsed.data;
  return {
    ok: true,
    events: [
      {
        kind: "message",
        direction: "inbound",
        contactId: From,
        contactName: ProfileName || null,
        providerMessageId: MessageSid,
        text: Body ?? "",
        attachments: mediaAttachments(params, Number(NumMedia ?? "0")),
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
  const parsed = statusSchema.safeParse(params);
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
