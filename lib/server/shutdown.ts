import { closeDatabase } from "@/db/index";
import { stopJobWorker } from "@/lib/jobs/worker";
import { log } from "@/lib/observability/log";
import { closeLiveStreams } from "@/lib/realtime/live-streams";
import { markShuttingDown } from "@/lib/runtime/shutdown-state";

/** SPEC §15: everything is handed back or finished within 10 s of the signal. */
export const SHUTDOWN_DEADLINE_MS = 10_000;
// Jobs in flight get this long to finish before the rest of their claims are handed back,
// leaving time to write the hand-back and close the database inside the deadline.
const JOB_GRACE_MS = 7_000;

type Hold = { installed?: boolean };
const hold = ((globalThis as { __switchboardShutdownHook?: Hold }).__switchboardShutdownHook ??= {});

/**
 * The app's graceful shutdown on SIGTERM/SIGINT. Next's own handler (next start and the
 * standalone server.js) closes the HTTP server, which stops accepting and waits for requests
 * in flight, then calls process.exit. Beside it we mark the instance not ready, end the live
 * streams with a retry hint (they would otherwise hold the server open forever), and stop the
 * job worker, handing back its claims; Next's exit is held until that and closing the
 * database are done. A hard stop at 10 s ends whatever still hangs.
 */
export function installAppShutdown(): void {
  if (hold.installed) return;
  hold.installed = true;
  const onSignal = (signal: NodeJS.Signals) => {
    const started = Date.now();
    markShuttingDown();
    const streams = closeLiveStreams();
    log.info({ signal, streams }, "shutting down: closed live streams, finishing requests and jobs");
    const workerStopped = stopJobWorker({ graceMs: JOB_GRACE_MS }).then(
      (released) => log.info({ released, ms: Date.now() - started }, "job worker stopped"),
      (error: unknown) => log.error({ err: error }, "the job worker did not stop cleanly"),
    );
    const realExit = process.exit.bind(process);
    let exiting = false;
    const exitWhenDone = (code?: number | string | null) => {
      if (exiting) return;
      exiting = true;
      void workerStopped
        .then(() => closeDatabase())
        .catch((error: unknown) => log.error({ err: error }, "closing the database failed"))
        .finally(() => {
          log.info({ ms: Date.now() - started, code }, "shut down");
          realExit(code ?? 0);
        });
    };
    // Next calls process.exit once its HTTP server has closed; hold that exit for the worker.
    process.exit = exitWhenDone as typeof process.exit;
    // With NEXT_MANUAL_SIG_HANDLE Next does not handle the signal: exit after the worker.
    if (process.env.NEXT_MANUAL_SIG_HANDLE) exitWhenDone(signal === "SIGINT" ? 130 : 143);
    setTimeout(() => {
      log.error({ ms: Date.now() - started }, "shutdown deadline passed; exiting now");
      realExit(1);
    }, SHUTDOWN_DEADLINE_MS - 250).unref();
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
