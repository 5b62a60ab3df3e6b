import type { RecordSummary } from "@/lib/crm/records";
import { CURRENCIES, DEAL_STAGES } from "@/lib/crm/schemas";
import type { RecordType } from "@/lib/record-types";

/** What a record form starts with: its fields as the inputs hold them. */
export type PersonDraft = { name: string; phones: string; emails: string };
export type LeadDraft = { title: string; person: RecordSummary | null };
export type DealDraft = { title: string; value: string; currency: string; stage: string; person: RecordSummary | null };
export type RecordDraft =
  | { type: "person"; values: PersonDraft }
  | { type: "lead"; values: LeadDraft }
  | { type: "deal"; values: DealDraft };

/** A new deal starts in the pipeline's first stage, in the first currency of the list (docs/decisions.md). */
export const NEW_DEAL = { currency: CURRENCIES[0], stage: DEAL_STAGES[0] } as const;

export function emptyDraft(type: RecordType): RecordDraft {
  if (type === "person") return { type, values: { name: "", phones: "", emails: "" } };
  if (type === "lead") return { type, values: { title: "", person: null } };
  return { type, values: { title: "", value: "", ...NEW_DEAL, person: null } };
}
