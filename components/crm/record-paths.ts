import type { RecordType } from "@/lib/crm/schemas";

/** SPEC §10: where each kind of CRM record lives. */
export const RECORD_LIST_PATHS = { person: "/persons", lead: "/leads", deal: "/deals" } as const satisfies Record<RecordType, string>;

export function recordHref(type: RecordType, id: string): string {
  return `${RECORD_LIST_PATHS[type]}/${id}`;
}

export function conversationHref(conversationId: string): string {
  return `/messaging/c/${conversationId}`;
}
