import { z } from "zod";

export const RECORD_TYPES = ["person", "lead", "deal"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const CURRENCIES = ["CZK", "EUR", "USD", "GBP", "PLN"] as const;
export const DEAL_STAGES = ["qualified", "contact_made", "proposal_made", "negotiation", "won", "lost"] as const;
export const NOTE_MAX_LENGTH = 10_000;

const name = z.string().trim().min(1, "required").max(200, "too_long");
const contactList = (item: z.ZodType<string>) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.split(/[\n,]/).map((part) => part.trim()).filter(Boolean) : value),
    z.array(item).max(10, "too_many"),
  );

/** One schema per entity, used by the forms and the server alike. */
export const personSchema = z.object({
  name,
  phones: contactList(z.string().regex(/^\+?[0-9 ()-]{5,20}$/, "phone")).default([]),
  emails: contactList(z.email("email").max(320)).default([]),
});

const optionalId = z.preprocess((value) => (value === "" ? null : value), z.uuid().nullable()).default(null);

export const leadSchema = z.object({ title: name, personId: optionalId });

export const dealSchema = z.object({
  title: name,
  value: z
    .string()
    .trim()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, "value"),
  currency: z.enum(CURRENCIES, "currency"),
  stage: z.enum(DEAL_STAGES, "stage"),
  personId: optionalId,
});

export const noteBodySchema = z.string().trim().min(1, "required").max(NOTE_MAX_LENGTH, "too_long");

export type PersonInput = z.infer<typeof personSchema>;
export type LeadInput = z.infer<typeof leadSchema>;
export type DealInput = z.infer<typeof dealSchema>;
