import { getDatabaseHandle } from "@/db/index";
import { isDatabaseEmpty, seedDemoWorkspace } from "@/db/seed";
import { startJobWorker } from "@/lib/jobs/worker";
import { log } from "@/lib/log";
import { scheduleRetention } from "@/lib/retention/schedule";
import { installAppShutdown } from "./shutdown";
import "@/lib/jobs/handlers";

/**
 * Everything a server process does once at start: open the database (applying migrations),
 * seed an empty embedded database so a new user sees the demo, start the job worker (and
 * make sure the daily retention job is scheduled), and install the graceful shutdown.
 */
export async function startServer(): Promise<void> {
  const handle = await getDatabaseHandle();
  if (handle.kind === "pglite" && (await isDatabaseEmpty(handle.db))) {
    await seedDemoWorkspace(handle.db);
    log.info("seeded the demo workspace (sign-ins in the README)");
  }
  if (process.env.SWITCHBOARD_DISABLE_WORKER !== "1") {
    await startJobWorker();
    await scheduleRetention(handle.db);
  }
  installAppShutdown();
  log.info({ database: handle.kind, worker: process.env.SWITCHBOARD_DISABLE_WORKER !== "1" }, "server started");
}
