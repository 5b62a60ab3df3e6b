/** The CRM's record kinds (spec §7), in the order the panel and the navigation show them. A leaf, so URLs and every module name them alike. */
export const RECORD_TYPES = ["person", "lead", "deal"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
