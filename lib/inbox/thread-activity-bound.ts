import type { Cursor } from "@/lib/keyset-cursor";

/**
 * A thread page shows the activity lines of its own time span only (issue 9), and at most
 * this many: a conversation assigned back and forth ten thousand times between two messages
 * still renders a bounded page, and the rest come with "older".
 */
export const MAX_ACTIVITY_LINES_PER_PAGE = 100;

/** Sorts below every real id: a cursor (t, MIN_UUID) means "everything strictly before t". */
const MIN_UUID = "00000000-0000-0000-0000-000000000000";

type Timed = { occurredAt: Date };

/**
 * Fits a page's activities (newest first, at most `cap + 1` fetched) to the bound. Within the
 * bound nothing changes. Beyond it the page keeps the newest `cap` lines and only the messages
 * from the oldest kept line on; everything before that instant is the next page's, so lines
 * that share its millisecond move together (unless all of them do, which only a flood within
 * one millisecond can cause: then the page is cut there).
 */
export function fitActivitiesToPage<M extends Timed & { id: string }, A extends Timed>(input: {
  messages: M[];
  activitiesNewestFirst: A[];
  olderCursor: Cursor | null;
  cap?: number;
}): { messages: M[]; activities: A[]; olderCursor: Cursor | null } {
  const cap = input.cap ?? MAX_ACTIVITY_LINES_PER_PAGE;
  const { activitiesNewestFirst: all } = input;
  if (all.length <= cap) return { messages: input.messages, activities: [...all].reverse(), olderCursor: input.olderCursor };

  let kept = all.slice(0, cap);
  const firstLeft = all[cap]!.occurredAt.getTime();
  if (kept.at(-1)!.occurredAt.getTime() === firstLeft) {
    const apart = kept.filter((activity) => activity.occurredAt.getTime() !== firstLeft);
    if (apart.length > 0) kept = apart;
  }
  const cut = kept.at(-1)!.occurredAt;
  return {
    messages: input.messages.filter((message) => message.occurredAt.getTime() >= cut.getTime()),
    activities: kept.reverse(),
    olderCursor: { lastActivityAt: cut, id: MIN_UUID },
  };
}
