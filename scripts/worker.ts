// `npm run worker`: runs background jobs in a process of its own. Any number of these (and
// app instances running the worker) can share one PostgreSQL; each job runs in one of them.
import { closeDatabase, getDatabaseHandle } from "@/db/index";
import { APP_JOBS } from "@/lib/server/app-jobs";
import { startJobWorker, stopJobWorker } from "@/lib/jobs/worker";
import { log } from "@/lib/observability/log";
import { scheduleRetention } from "@/lib/retention/purge-job";

// SPEC §15: done within 10 s. Jobs in flight get 8 s, then their claims are handed back.
const JOB_GRACE_MS = 8_000;
const DEADLINE_MS = 10_000;

async function shutDown(signal: NodeJS.Signals): Promise<void> {
  // `once` handlers: a second Ctrl-C gets Node's default and ends the process at once.
  const started = Date.now();
  log.info({ signal }, "worker stopping: finishing running jobs (repeat the signal to force)");
  setTimeout(() => {
    log.error("worker shutdown deadline passed; exiting now");
    process.exit(1);
  }, DEADLINE_MS).unref();
  try {
    const released = await stopJobWorker({ graceMs: JOB_GRACE_MS });
    await closeDatabase();
    log.info({ released, ms: Date.now() - started }, "worker stopped");
  } catch (error) {
    log.error({ err: error }, "the worker did not stop cleanly");
    process.exitCode = 1;
  }
  // A handed-back job's request may still hang on a provider (10 s timeout): don't wait for it.
  process.exit();
}

process.once("SIGINT", shutDown);
process.once("SIGTERM", shutDown);

const handle = await getDatabaseHandle();
await startJobWorker(handle, APP_JOBS);
await scheduleRetention(handle.db);
log.info({ database: handle.kind }, "worker started");
