import { z } from "zod";
import { DEAL_STAGE_VALUES } from "@/db/enum-values";
import type { RecordType } from "@/lib/record-types";


export const CURRENCIES = ["CZK", "EUR", "USD", "GBP", "PLN"] as const;
/** The pipeline, in its order: the deal_stage enum's own list. */
export const DEAL_STAGES = DEAL_STAGE_VALUES;
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

/**
 * Each kind's schema, the half of its descriptor the browser shares (lib/crm/record-kinds.ts
 * holds the server's half): the forms validate and read their fields through it.
 */
export const RECORD_SCHEMAS = { person: personSchema, lead: leadSchema, deal: dealSchema } as const satisfies Record<RecordType, z.ZodObject>;

type RecordInputs = { [K in RecordType]: z.infer<(typeof RECORD_SCHEMAS)[K]> };
export type RecordInput<K extends RecordType = RecordType> = RecordInputs[K];
