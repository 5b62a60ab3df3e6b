/*
 * What a list row says about its last message (issue 16): who wrote it and how long the
 * customer has been waiting. Pure, so the server shapes rows and the client words them alike.
 */

/** Who sent the preview's message, as the viewer reads it: "You:", "Bob:", the team, or the contact (no prefix). */
export type PreviewAuthor = { kind: "you" } | { kind: "teammate"; name: string } | { kind: "team" } | null;

export function previewAuthorOf(
  last: { direction: "inbound" | "outbound" | null; authorId: string | null; authorName: string | null },
  viewerId: string,
): PreviewAuthor {
  if (last.direction !== "outbound") return null;
  if (last.authorId === viewerId) return { kind: "you" };
  const firstName = last.authorName?.trim().split(/\s+/)[0];
  // No user behind it: a Messenger echo of a message the page sent from elsewhere.
  return firstName ? { kind: "teammate", name: firstName } : { kind: "team" };
}

/** Open conversations whose last message is the customer's wait for a reply since that message. */
export function waitingSinceOf(row: {
  status: "open" | "closed";
  direction: "inbound" | "outbound" | null;
  previewAt: Date | null;
  lastMessageAt: Date | null;
}): Date | null {
  if (row.status !== "open" || row.direction !== "inbound") return null;
  return row.previewAt ?? row.lastMessageAt;
}

export type WaitingDuration = { unit: "minutes" | "hours" | "days"; count: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Whole units, rounded down, never below one minute (a clock a little ahead still reads "1 min"). */
export function waitingDuration(since: Date, now: Date): WaitingDuration {
  const elapsed = Math.max(0, now.getTime() - since.getTime());
  if (elapsed < HOUR) return { unit: "minutes", count: Math.max(1, Math.floor(elapsed / MINUTE)) };
  if (elapsed < DAY) return { unit: "hours", count: Math.floor(elapsed / HOUR) };
  return { unit: "days", count: Math.floor(elapsed / DAY) };
}
