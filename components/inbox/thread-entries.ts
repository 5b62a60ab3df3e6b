import type { ThreadActivity, ThreadMessage } from "@/lib/inbox/queries";

export type ThreadEntry =
  | { kind: "message"; key: string; at: Date; message: ThreadMessage }
  | { kind: "activity"; key: string; at: Date; activity: ThreadActivity };

export function entriesOf(page: { messages: ThreadMessage[]; activities: ThreadActivity[] }): ThreadEntry[] {
  return [
    ...page.messages.map((message): ThreadEntry => ({ kind: "message", key: `m-${message.id}`, at: message.occurredAt, message })),
    ...page.activities.map((activity): ThreadEntry => ({ kind: "activity", key: `a-${activity.id}`, at: activity.occurredAt, activity })),
  ];
}

/**
 * Oldest first. On a tie the activity line goes first: "Reopened by a new message" shares its
 * time with the message that reopened the conversation and belongs above it.
 */
function compareEntries(a: ThreadEntry, b: ThreadEntry): number {
  const byTime = a.at.getTime() - b.at.getTime();
  if (byTime !== 0) return byTime;
  if (a.kind !== b.kind) return a.kind === "activity" ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Adds entries to what the thread already shows; a later copy of an entry (a new delivery state) wins. */
export function mergeEntries(known: ThreadEntry[], incoming: ThreadEntry[]): ThreadEntry[] {
  const byKey = new Map(known.map((entry) => [entry.key, entry]));
  for (const entry of incoming) byKey.set(entry.key, entry);
  return Array.from(byKey.values()).sort(compareEntries);
}
