// `npm run worker`: runs background jobs in a process of its own. Any number of these (and
// app instances running the worker) can share one PostgreSQL; each job runs in one of them.
import { closeDatabase, getDatabaseHandle } from "@/db/index";
import "@/lib/jobs/handlers";
import { startJobWorker, stopJobWorker } from "@/lib/jobs/worker";

async function shutDown(signal: NodeJS.Signals): Promise<void> {
  // `once` handlers: a second Ctrl-C gets Node's default and ends the process at once.
  console.log(`[jobs] ${signal}: waiting for running jobs to finish (repeat to force)`);
  try {
    await stopJobWorker();
    await closeDatabase();
  } catch (error) {
    console.error("[jobs] the worker did not stop cleanly", error);
    process.exitCode = 1;
  }
}

process.once("SIGINT", shutDown);
process.once("SIGTERM", shutDown);

const handle = await getDatabaseHandle();
await startJobWorker();
console.log(`[jobs] worker ${process.pid} started on ${handle.kind}`);
