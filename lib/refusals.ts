/**
 * Every expected refusal a domain function can return, each with its text in the message
 * catalogs under `refusals.<reason>`. Components show that text and never write their own.
 */
export const REFUSALS = [
  "invalid_input",
  "signed_out",
  "not_admin",
  "not_found",
  "no_access",
  "not_installer",
  "provider_closed",
  "invalid_member",
  "assignee_unavailable",
  "assignee_inactive",
  "assignee_no_access",
  "unknown_assignee",
  "already_in_state",
  "empty_reply",
  "reply_too_long",
  "outside_reply_window",
  "not_failed",
  "not_retryable",
  "record_not_found",
  "already_linked",
  "invalid_person",
  "push_endpoint_refused",
  "test_notification_too_soon",
  // Spec §13: snooze and private notes.
  "snooze_in_past",
  "snooze_too_far",
  "conversation_closed",
  "not_snoozed",
  "empty_note",
  "note_too_long",
  "mention_not_allowed",
] as const;

export type Refusal = (typeof REFUSALS)[number];
