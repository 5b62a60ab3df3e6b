export const NOTE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The history note currently collecting a conversation's messages for one record, if any. */
export type CurrentNote = { windowStartAt: Date; editedAt: Date | null } | null;

/**
 * Spec §7's 24-hour rule: a message joins the current note when it arrives less than 24 hours
 * after that note started; otherwise, or when a person edited or deleted the note (a deleted
 * note is simply absent), it starts a new one.
 */
export function joinsCurrentNote(current: CurrentNote, messageAt: Date): boolean {
  if (!current || current.editedAt) return false;
  // A message stamped before the note started (a late webhook) still belongs to it.
  return messageAt.getTime() - current.windowStartAt.getTime() < NOTE_WINDOW_MS;
}
