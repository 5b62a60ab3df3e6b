import { ok, refuse, type Result } from "@/lib/result";

/** Spec §13 bad input: a wake-up time more than a year ahead is a typo, not a plan. */
export const MAX_SNOOZE_MS = 366 * 24 * 60 * 60_000;
/** A time this close to now (or behind it) has nothing to hide the conversation for. */
export const MIN_SNOOZE_MS = 60_000;

export type SnoozeTimeRefusal = "snooze_in_past" | "snooze_too_far";

/** The one rule of which wake-up times are accepted; the server checks it, the menu shows it. */
export function checkSnoozeTime(until: Date, now: Date): Result<Date, SnoozeTimeRefusal> {
  const ahead = until.getTime() - now.getTime();
  if (Number.isNaN(ahead) || ahead < MIN_SNOOZE_MS) return refuse("snooze_in_past");
  if (ahead > MAX_SNOOZE_MS) return refuse("snooze_too_far");
  return ok(until);
}

/**
 * The menu's choices in the browser's own time zone (the user's, spec §13): in an hour,
 * tomorrow at 9:00, and next Monday at 9:00 (a week from today when today is Monday).
 */
export function snoozePresets(now: Date): { oneHour: Date; tomorrow: Date; nextWeek: Date } {
  const at9 = (daysAhead: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysAhead, 9, 0, 0, 0);
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  return { oneHour: new Date(now.getTime() + 60 * 60_000), tomorrow: at9(1), nextWeek: at9(daysToMonday) };
}
