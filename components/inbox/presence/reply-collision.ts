import type { ThreadEntry } from "../thread-entries";

/**
 * Spec §13's collision warning: the first reply that reached the customer from someone else
 * (a teammate, or the provider's own inbox) since `typingSince`, the moment this user's draft
 * stopped being empty. Null while there is no draft or nobody else replied.
 */
export function replyWhileTyping(
  entries: readonly ThreadEntry[],
  typingSince: number | null,
  currentUserId: string,
): { senderName: string | null } | null {
  if (typingSince === null) return null;
  for (const entry of entries) {
    if (entry.kind !== "message") continue;
    const { message } = entry;
    if (message.direction !== "outbound" || message.senderUserId === currentUserId) continue;
    if (message.occurredAt.getTime() >= typingSince) return { senderName: message.senderName };
  }
  return null;
}
