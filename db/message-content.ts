import { z } from "zod";

/*
 * What a message holds besides its text and attachments (SPEC §14): its `kind` and a typed
 * payload, stored in `messages.kind` / `messages.payload` and read back through zod, so a row
 * written by an older or newer version never renders as something it is not. Browser-safe.
 */

const shortText = (max: number) => z.string().max(max);

/** The customer tapped a quick reply, button or postback: the text is shown, the payload kept. */
const tapped = { buttonPayload: shortText(2000).optional() };

export const contentSchemas = {
  /** Text and/or attachments only: nothing more to draw. */
  text: z.object({ ...tapped }),
  location: z.object({
    ...tapped,
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: shortText(500).optional(),
    address: shortText(1000).optional(),
  }),
  /** `url` only when it is http(s); otherwise the word "Sticker" stands for it. */
  sticker: z.object({ ...tapped, url: shortText(4000).optional() }),
  /** A vCard the customer shared; `mediaIndex` names the attachment that holds it. */
  contact: z.object({ ...tapped, name: shortText(500).optional(), mediaIndex: z.number().int().min(0).max(9).optional() }),
  /**
   * A structured template: Messenger echoes of receipts and generic templates (their title), or
   * a WhatsApp template an agent sent (its name, ContentSid and the variables the job sends).
   */
  template: z.object({
    ...tapped,
    title: shortText(1000).optional(),
    contentSid: z.string().regex(/^HX[0-9a-fA-F]{32}$/).optional(),
    variables: z.record(z.string().max(64), shortText(1024)).optional(),
  }),
  /** Something the provider sent that the inbox cannot show; `type` is the provider's word for it. */
  unsupported: z.object({ ...tapped, type: shortText(64).optional() }),
} as const;

export type MessageKind = keyof typeof contentSchemas;
export const MESSAGE_KINDS = Object.keys(contentSchemas) as MessageKind[];

export type MessageContent = {
  [K in MessageKind]: { kind: K } & z.infer<(typeof contentSchemas)[K]>;
}[MessageKind];

export type MessagePayload = Omit<MessageContent, "kind">;

export type LocationContent = Extract<MessageContent, { kind: "location" }>;

export const TEXT_CONTENT: MessageContent = { kind: "text" };

/** The row's kind and payload as a checked content value; anything unreadable is "unsupported". */
export function readContent(kind: string, payload: unknown): MessageContent {
  if (!Object.hasOwn(contentSchemas, kind)) return { kind: "unsupported" };
  const schema = contentSchemas[kind as MessageKind];
  const parsed = schema.safeParse(payload ?? {});
  return parsed.success ? ({ kind, ...parsed.data } as MessageContent) : { kind: "unsupported" };
}

/** What goes into the `kind` and `payload` columns; undefined fields are dropped by JSON. */
export function toColumns(content: MessageContent): { kind: MessageKind; payload: MessagePayload } {
  // The schemas have no `kind` key, so parsing strips it (and anything else unknown).
  return { kind: content.kind, payload: contentSchemas[content.kind].parse(content) as MessagePayload };
}

/** SPEC §14: a map link every browser opens, with no key or script from a map provider. */
export function mapUrl(location: { latitude: number; longitude: number }): string {
  return `https://www.openstreetmap.org/?mlat=${location.latitude}&mlon=${location.longitude}#map=16/${location.latitude}/${location.longitude}`;
}

/** The words a location is known by: its label, its address, else its coordinates. */
export function placeOf(location: { latitude: number; longitude: number; name?: string; address?: string }): string {
  return [location.name, location.address].filter(Boolean).join(", ") || `${location.latitude}, ${location.longitude}`;
}
