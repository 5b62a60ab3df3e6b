import { TYPING_TTL_MS, VIEWING_TTL_MS, type PresenceState } from "@/lib/presence/timing";

export type PresenceEntry = { name: string; viewingUntil: number; typingUntil: number };
export type PresenceMap = ReadonlyMap<string, PresenceEntry>;
export type ShownPresence = { typing: string[]; viewing: string[] };

/**
 * One teammate's announcement applied to what this tab shows. "viewing" also ends their
 * typing: a sent or cleared draft says so at once instead of lingering for the typing TTL.
 */
export function applyPresence(
  current: PresenceMap,
  event: { userId: string; name: string; state: PresenceState },
  now: number,
): PresenceMap {
  const next = new Map(current);
  if (event.state === "left") {
    next.delete(event.userId);
    return next;
  }
  next.set(event.userId, {
    name: event.name,
    viewingUntil: now + VIEWING_TTL_MS,
    typingUntil: event.state === "typing" ? now + TYPING_TTL_MS : 0,
  });
  return next;
}

/** Drops teammates not heard from within the TTL; the same map when nothing expired, so React skips a render. */
export function prunePresence(current: PresenceMap, now: number): PresenceMap {
  let changed = false;
  const next = new Map<string, PresenceEntry>();
  for (const [userId, entry] of current) {
    if (entry.viewingUntil <= now) {
      changed = true;
      continue;
    }
    next.set(userId, entry);
  }
  return changed ? next : current;
}

/** Typing wins over viewing; names in a stable order so the line does not jump around. */
export function shownPresence(current: PresenceMap, now: number): ShownPresence {
  const typing: string[] = [];
  const viewing: string[] = [];
  for (const entry of current.values()) {
    if (entry.viewingUntil <= now) continue;
    (entry.typingUntil > now ? typing : viewing).push(entry.name);
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  return { typing: typing.sort(byName), viewing: viewing.sort(byName) };
}
