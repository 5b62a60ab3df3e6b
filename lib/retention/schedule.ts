/** Quiet hours for most teams in Europe; the purge is batched anyway. */
const RUN_AT_UTC_HOUR = 3;

/** The next daily run strictly after `now`: 03:00 UTC. */
export function nextRetentionRun(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC_HOUR));
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}
