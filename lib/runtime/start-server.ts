import { getDatabaseHandle } from "@/db/index";
import { isDatabaseEmpty, seedDemoWorkspace } from "@/db/seed";
import { startJobWorker } from "@/lib/jobs/worker";
import "@/lib/jobs/handlers";

/**
 * Everything a server process does once at start: open the database (applying migrations),
 * seed an empty embedded database so a new user sees the demo, and start the job worker.
 */
export async function startServer(): Promise<void> {
  const handle = await getDatabaseHandle();
  if (handle.kind === "pglite" && (await isDatabaseEmpty(handle.db))) {
    await seedDemoWorkspace(handle.db);
    console.log("Seeded the demo workspace: sign in as alice@demo.test / demo-password");
  }
  if (process.env.SWITCHBOARD_DISABLE_WORKER !== "1") startJobWorker();
}
