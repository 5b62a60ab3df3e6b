import type { Executor } from "@/db/client";
import { queueStats } from "@/lib/observability/queue-stats";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Every Prometheus metric of the process, in one registry served by /api/metrics. Counters
 * and histograms are bumped where things happen; the job-queue gauges are read from the
 * database at scrape time (`scrapeMetrics`), so every instance reports the
 * same queue and a dead worker still shows up as a growing age.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "switchboard_" });
  const registers = [registry];
  return {
    registry,
    webhooks: new Counter({
      name: "switchboard_webhooks_total",
      help: "Webhook requests answered, by provider and HTTP status",
      labelNames: ["provider", "status"] as const,
      registers,
    }),
    ingestSeconds: new Histogram({
      name: "switchboard_webhook_ingest_seconds",
      help: "Time from a webhook's arrival to its answer (verification, storing, queueing)",
      labelNames: ["provider"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    jobSeconds: new Histogram({
      name: "switchboard_job_duration_seconds",
      help: "Time a job's handler ran, by queue and outcome (ok or error)",
      labelNames: ["queue", "outcome"] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    liveStreams: new Gauge({
      name: "switchboard_live_streams_open",
      help: "Server-Sent Event streams open on this instance",
      registers,
    }),
    notifications: new Counter({
      name: "switchboard_notification_deliveries_total",
      help: "Finished notification deliveries, by kind (push, toast, email) and outcome",
      labelNames: ["kind", "outcome"] as const,
      registers,
    }),
    jobs: new Gauge({
      name: "switchboard_jobs",
      help: "Jobs in the queue by status (queued, running, failed), read from the database at scrape",
      labelNames: ["queue", "status"] as const,
      registers,
    }),
    oldestDueJobSeconds: new Gauge({
      name: "switchboard_job_oldest_due_age_seconds",
      help: "How long the oldest due, unclaimed job of each queue has waited, read at scrape",
      labelNames: ["queue"] as const,
      registers,
    }),
    signInFailures: new Counter({
      name: "switchboard_sign_in_failures_total",
      help: "Sign-in attempts refused, by reason (invalid_credentials, rate_limited)",
      labelNames: ["reason"] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// One registry per process even when Next evaluates this module in several bundles.
export const metrics: Metrics = ((globalThis as { __switchboardMetrics?: Metrics }).__switchboardMetrics ??= createMetrics());

/** The Prometheus text of this process, with the queue gauges read from `db` just now. */
export async function scrapeMetrics(db: Executor): Promise<string> {
  const stats = await queueStats(db);
  metrics.jobs.reset();
  metrics.oldestDueJobSeconds.reset();
  for (const row of stats) {
    metrics.jobs.set({ queue: row.queue, status: "queued" }, row.queued);
    metrics.jobs.set({ queue: row.queue, status: "running" }, row.running);
    metrics.jobs.set({ queue: row.queue, status: "failed" }, row.failed);
    metrics.oldestDueJobSeconds.set({ queue: row.queue }, row.oldestDueAgeSeconds);
  }
  return metrics.registry.metrics();
}
