import { getDatabaseHandle } from "@/db/index";
import { APP_JOBS } from "@/lib/server/app-jobs";
import { isDatabaseEmpty, seedDemoWorkspace } from "@/lib/demo/seed";
import { parseTrustedProxies } from "@/lib/http/client-address";
import { startJobWorker } from "@/lib/jobs/worker";
import { log } from "@/lib/observability/log";
import { scheduleRetention } from "@/lib/retention/purge-job";
import { installAppShutdown } from "./shutdown";
import { assertProductionSecrets, MissingSecretsError, shouldSeedDemo } from "@/lib/runtime/production-defaults";

/**
 * Everything a server process does once at start: refuse to run without the secrets production
 * needs, open the database (applying migrations), seed the demo workspace where SPEC §9 allows
 * it, start the job worker (and make sure the daily retention job is scheduled), and install
 * the graceful shutdown.
 */
export async function startServer(): Promise<void> {
  try {
    assertProductionSecrets();
    // A typo in TRUSTED_PROXIES stops the start, instead of every sign-in failing later.
    parseTrustedProxies(process.env.TRUSTED_PROXIES);
  } catch (error) {
    if (!(error instanceof MissingSecretsError) && !(error instanceof Error && error.message.startsWith("TRUSTED_PROXIES"))) throw error;
    // Next only logs an error thrown from instrumentation and serves on: a server that cannot
    // share sessions or credentials must not serve at all.
    console.error(error.message);
    process.exit(1);
  }
  const handle = await getDatabaseHandle();
  if (shouldSeedDemo({ databaseKind: handle.kind }) && (await isDatabaseEmpty(handle.db))) {
    await seedDemoWorkspace(handle.db);
    log.info("seeded the demo workspace (sign-ins in the README)");
  }
  if (process.env.SWITCHBOARD_DISABLE_WORKER !== "1") {
    await startJobWorker(handle, APP_JOBS);
    await scheduleRetention(handle.db);
  }
  installAppShutdown();
  log.info({ database: handle.kind, worker: process.env.SWITCHBOARD_DISABLE_WORKER !== "1" }, "server started");
}
