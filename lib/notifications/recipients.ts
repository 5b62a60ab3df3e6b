import type { NotificationChannel } from "@/db/schema";
import { messageEventFor, type NotificationEvent, type PreferenceMatrix } from "./events";

export type Candidate = {
  userId: string;
  isActive: boolean;
  hasAccess: boolean;
  preferences: PreferenceMatrix;
};

export type NotificationCause =
  | { kind: "message"; authorId: string | null; assigneeIdAtStore: string | null }
  /** `actorId` null: auto-assignment (lib/inbox/auto-assign.ts), which always notifies. */
  | { kind: "assignment"; actorId: string | null; assigneeId: string }
  | { kind: "mention"; authorId: string; mentionedUserIds: string[] };

export type Recipient = { userId: string; event: NotificationEvent; channels: NotificationChannel[] };

/**
 * Spec §6, the one rule of who hears about what: users with access to the app, active, not
 * the author of the event, on the channels they chose for the event as it applies to them.
 * An assignment only ever reaches its assignee, and never one who assigned it to themself; a
 * note's mention only the teammates it names (spec §13), never its author.
 */
export function selectRecipients(cause: NotificationCause, candidates: Candidate[]): Recipient[] {
  const recipients: Recipient[] = [];
  for (const candidate of candidates) {
    if (!candidate.isActive || !candidate.hasAccess) continue;
    let event: NotificationEvent;
    if (cause.kind === "assignment") {
      if (candidate.userId !== cause.assigneeId || cause.actorId === cause.assigneeId) continue;
      event = "conversation.assigned_to_me";
    } else if (cause.kind === "mention") {
      if (candidate.userId === cause.authorId || !cause.mentionedUserIds.includes(candidate.userId)) continue;
      event = "note.mentioned";
    } else {
      if (candidate.userId === cause.authorId) continue;
      event = messageEventFor(candidate.userId, cause.assigneeIdAtStore);
    }
    const channels = (Object.keys(candidate.preferences[event]) as NotificationChannel[]).filter(
      (channel) => candidate.preferences[event][channel],
    );
    if (channels.length > 0) recipients.push({ userId: candidate.userId, event, channels });
  }
  return recipients;
}
