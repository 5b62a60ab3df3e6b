import { getDb } from "@/db/index";
import { getEnv } from "@/lib/env";
import { defineJobHandler } from "@/lib/jobs/worker";
import { purgeExpiredRows } from "../purge";
import { RETENTION_QUEUE, scheduleRetention } from "../schedule";

// Idempotent: a second run finds nothing older than the cutoff. Long lock: a first purge of a
// big installation may take minutes of small batches.
defineJobHandler(
  RETENTION_QUEUE,
  async () => {
    const db = await getDb();
    await purgeExpiredRows(db, { days: getEnv().RETENTION_DAYS });
    await scheduleRetention(db);
  },
  { lockSeconds: 30 * 60 },
);
