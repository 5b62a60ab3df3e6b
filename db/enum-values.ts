/**
 * The values of the pgEnums that browser code lists too (a form's options, its schema). They
 * live apart from db/schema.ts so that a client component importing them does not pull the
 * whole schema and drizzle's pg-core into its bundle; the pgEnum is built from the same list.
 */
export const DEAL_STAGE_VALUES = ["qualified", "contact_made", "proposal_made", "negotiation", "won", "lost"] as const;
