import { and, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { jobs, notificationDeliveries, oneTimeTokens, resetRequests, sessions, signInFailures } from "@/db/schema";
import { log } from "@/lib/observability/log";

/**
 * What retention purges (SPEC §15), the one place to add a table: rows finished before
 * `cutoff`. Messages, conversations and CRM records are kept. `where` gets the cutoff.
 */
export const RETENTION_TARGETS: { table: string; describe: string; where: (cutoff: Date) => SQL | undefined }[] = [
  {
    table: "jobs",
    describe: "finished jobs (done or failed)",
    where: (cutoff) => and(inArray(jobs.status, ["done", "failed"]), lt(jobs.finishedAt, cutoff)),
  },
  {
    table: "notification_deliveries",
    describe: "finished notification deliveries",
    where: (cutoff) => and(inArray(notificationDeliveries.status, ["sent", "failed", "skipped"]), lt(notificationDeliveries.createdAt, cutoff)),
  },
  { table: "sign_in_failures", describe: "sign-in failures", where: (cutoff) => lt(signInFailures.failedAt, cutoff) },
  // One-time links (lib/auth/one-time-tokens.ts): used, revoked or expired before the cutoff.
  // A pending invitation is a token too and stays until it is one of those.
  {
    table: "one_time_tokens",
    describe: "used, revoked and expired one-time tokens",
    where: (cutoff) =>
      or(
        and(isNotNull(oneTimeTokens.usedAt), lt(oneTimeTokens.usedAt, cutoff)),
        and(isNotNull(oneTimeTokens.revokedAt), lt(oneTimeTokens.revokedAt, cutoff)),
        lt(oneTimeTokens.expiresAt, cutoff),
      ),
  },
  { table: "reset_requests", describe: "password-reset and sign-in link requests", where: (cutoff) => lt(resetRequests.requestedAt, cutoff) },
  { table: "sessions", describe: "expired sessions", where: (cutoff) => lt(sessions.expiresAt, cutoff) },
];

export const RETENTION_BATCH_SIZE = 1_000;

/**
 * Deletes what `RETENTION_TARGETS` lists, older than `days`, in batches of `batchSize` rows:
 * each batch is its own short statement (its own transaction), so no lock is held for long
 * and a purge of millions of rows never blocks the webhooks writing beside it.
 */
export async function purgeExpiredRows(
  db: Database,
  options: { days: number; now?: Date; batchSize?: number },
): Promise<Record<string, number>> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.days * 24 * 60 * 60 * 1000);
  const batchSize = options.batchSize ?? RETENTION_BATCH_SIZE;
  const purged: Record<string, number> = {};
  for (const target of RETENTION_TARGETS) {
    purged[target.table] = 0;
    for (;;) {
      const deleted = await deleteBatch(db, target.table, target.where(cutoff)!, batchSize);
      purged[target.table] += deleted;
      if (deleted < batchSize) break;
    }
  }
  log.info({ days: options.days, cutoff: cutoff.toISOString(), purged }, "retention purge done");
  return purged;
}

async function deleteBatch(db: Database, table: string, where: SQL, batchSize: number): Promise<number> {
  // `ctid = any(array(…))` is a TID scan: the inner select finds the batch (on an index where
  // there is one) and the delete touches only those rows, whatever the table's key.
  const rows = await queryRows(
    db,
    sql`delete from ${sql.identifier(table)} where ctid = any(array(select ctid from ${sql.identifier(table)} where ${where} limit ${batchSize})) returning 1`,
  );
  return rows.length;
}
