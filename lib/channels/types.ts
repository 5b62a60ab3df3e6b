import type { Attachment, MessagingApp, Provider } from "@/db/schema";
import type { MessageContent } from "@/db/message-content";

export type MessengerCredentials = { pageId: string; pageAccessToken: string; appSecret: string };
export type WhatsappCredentials = { accountSid: string; authToken: string; sender: string };

/** A message seen by the provider: from the contact, or (an echo) sent by the page from elsewhere. */
export type MessageEvent = {
  kind: "message";
  direction: "inbound" | "outbound";
  /** Messenger PSID or WhatsApp `whatsapp:+E164`: the conversation's external contact id. */
  contactId: string;
  contactName: string | null;
  providerMessageId: string;
  text: string;
  attachments: Attachment[];
  occurredAt: Date;
  /** Messenger echoes carry back the `metadata` we sent: the id of our own outbound message. */
  reference?: string | null;
  /** Kind and payload beyond text and attachments (SPEC §14); absent means plain text. */
  content?: MessageContent;
  /** The provider id of the message this one quotes (Messenger `reply_to.mid`, Twilio `OriginalRepliedMessageSid`). */
  replyTo?: string | null;
  /** Where the customer came from (an ad, an m.me link), shown as an activity line above the message. */
  referral?: Referral | null;
};

/** "Came from: {source}", with an http(s) link when the provider gave one. */
export type Referral = { source: string; url?: string };

/** A contact's reaction on one of the conversation's messages; `emoji: null` removes it (unreact). */
export type ReactionEvent = {
  kind: "reaction";
  contactId: string;
  providerMessageId: string;
  emoji: string | null;
};

/** The contact edited a message they sent: it shows the new text and "Edited". */
export type EditEvent = { kind: "edit"; contactId: string; providerMessageId: string; text: string };

/** An existing thread opened from an ad or link, without a message (Messenger `referral`). */
export type ReferralEvent = { kind: "referral"; contactId: string; referral: Referral; occurredAt: Date };

export type ContentEvent = ReactionEvent | EditEvent | ReferralEvent;

/** Progress of outbound messages: by provider ids, and/or (Messenger) everything up to a watermark. */
export type DeliveryEvent = {
  kind: "delivery";
  contactId: string | null;
  providerMessageIds: string[];
  watermark: Date | null;
  state: "sent" | "delivered" | "read" | "failed";
  failureReason: string | null;
};

export type InboundEvent = MessageEvent | DeliveryEvent | ContentEvent;

/** `too_large`: more parts than anyone sends (SPEC §15 caps), answered 413 rather than 400. */
export type ParseFailure = { ok: false; reason: "malformed" | "too_large" };
export type ParseResult = { ok: true; events: InboundEvent[] } | ParseFailure;

export type SendRequest = {
  contactId: string;
  text: string;
  statusCallbackUrl?: string;
  /** Our message id, sent where the provider echoes it back (Messenger `metadata`). */
  reference?: string;
  /** Messenger, 24 h – 7 days after the customer wrote: a person's reply (lib/content/reply-window.ts). */
  tag?: "HUMAN_AGENT";
  /** An agent's file, as the signed link the provider fetches it from (SPEC §14). */
  attachment?: { type: "image" | "video" | "audio" | "file"; url: string };
  /** WhatsApp: an approved template (Twilio ContentSid) and its variables, instead of a Body. */
  template?: { contentSid: string; variables: Record<string, string> };
};

/**
 * `refused`: the provider answered and said no (final, shown to the user).
 * `transient`: worth retrying (network error before the request was sent, 429, 5xx).
 */
export type SendOutcome =
  | { kind: "sent"; providerMessageId: string }
  | { kind: "refused"; reason: string }
  | { kind: "transient"; reason: string }
  /** The request may have reached the provider (e.g. a timeout after sending): never retried blindly. */
  | { kind: "unknown"; reason: string };

/** An installed app with its decrypted credentials (lib/apps/credentials.ts opens them). */
export type AppWithCredentials =
  | { provider: "messenger"; app: MessagingApp; credentials: MessengerCredentials }
  | { provider: "whatsapp"; app: MessagingApp; credentials: WhatsappCredentials };

/** How one provider's webhook is checked and read; lib/webhooks/receive-webhook.ts runs the steps around it. */
export type WebhookChannel = {
  provider: Provider;
  /** Cheap, linear bounds on the raw body, checked before the signature (SPEC §15). */
  refuseUnsigned?(rawBody: Buffer): ParseFailure | null;
  isSigned(found: AppWithCredentials, rawBody: Buffer, request: Request): boolean;
  parse(found: AppWithCredentials, rawBody: Buffer): ParseResult;
};
