import type { Job } from "@/db/schema";
import { log } from "@/lib/observability/log";
import { runWithLogContext } from "@/lib/observability/context";
import { metrics } from "@/lib/observability/metrics";

/**
 * Runs one claimed job's handler under its log context (the id of the request that queued it,
 * the job's id and queue, also passed on to any job it queues) and records how long it ran.
 */
export function observeJob<T>(job: Pick<Job, "id" | "queue" | "requestId" | "attempts" | "maxAttempts">, run: () => Promise<T>): Promise<T> {
  return runWithLogContext({ requestId: job.requestId ?? undefined, jobId: job.id, queue: job.queue }, async () => {
    const started = performance.now();
    const finish = (outcome: "ok" | "error") => {
      const seconds = (performance.now() - started) / 1000;
      metrics.jobSeconds.observe({ queue: job.queue, outcome }, seconds);
      return Math.round(seconds * 10_000) / 10;
    };
    try {
      const result = await run();
      log.info({ attempt: job.attempts, ms: finish("ok") }, "job done");
      return result;
    } catch (error) {
      log.error({ attempt: job.attempts, maxAttempts: job.maxAttempts, ms: finish("error"), err: error }, "job failed");
      throw error;
    }
  });
}
