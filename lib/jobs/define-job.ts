import type { z } from "zod";
import type { Database, Executor } from "@/db/client";
import { insertJob, type InsertJobOptions } from "./queue";

export type JobContext = {
  jobId: string;
  /** 1 on the first run; counts runs cut short by a crash too. */
  attempt: number;
  maxAttempts: number;
};

/**
 * A failure that retrying cannot fix (a malformed payload, a provider's final refusal): the
 * job fails at once with this message instead of using up its attempts.
 */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

export const DEFAULT_LOCK_SECONDS = 60;
const DEFAULT_PRIORITY = 1;

type JobSpec<Payload> = {
  /** The `jobs.queue` value; unique across the app's job list. */
  queue: string;
  /** Checked at enqueue (a caller's mistake fails there) and again at run (rows outlive deploys). */
  payload: z.ZodType<Payload>;
  /**
   * The work. Runs again when its worker dies after the side effect but before the job is
   * marked done, or when a run outlasts `lockSeconds` and another worker takes it over: check
   * what was already done (a stored provider id, a sent-at column) before doing it. Throw to
   * retry with backoff; throw `PermanentJobError` to fail without retrying.
   */
  handle(db: Database, payload: Payload, context: JobContext): Promise<void>;
  /** A second job with the same key is not created, e.g. a replayed webhook queues nothing new. */
  dedupeKey?(payload: Payload, options: EnqueueOptions): string | undefined;
  /** Lower runs first (spec §15: replies before notifications, emails and notes). */
  priority?: number;
  /** How long a claim holds before another worker may take the job over. */
  lockSeconds?: number;
  maxAttempts?: number;
};

export type EnqueueOptions = {
  runAt?: Date;
  /** Whose work it is; claiming takes workspaces in turn (spec §15). Omit only for work of no workspace. */
  workspaceId?: string | null;
};

export type Job<Payload> = {
  readonly queue: string;
  readonly priority: number;
  readonly lockSeconds: number;
  /**
   * Queues the job in the caller's transaction, so it exists exactly when the data it is
   * about was committed. False when a job with the same dedupe key already exists.
   */
  enqueue(db: Executor, payload: Payload, options?: EnqueueOptions): Promise<boolean>;
  /** The worker's entry: parses the stored payload, then handles it. */
  run(db: Database, storedPayload: unknown, context: JobContext): Promise<void>;
};

/** What the worker takes: jobs of any payload. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of jobs is heterogeneous by nature.
export type AnyJob = Job<any>;

export function defineJob<Payload>(spec: JobSpec<Payload>): Job<Payload> {
  return {
    queue: spec.queue,
    priority: spec.priority ?? DEFAULT_PRIORITY,
    lockSeconds: spec.lockSeconds ?? DEFAULT_LOCK_SECONDS,
    async enqueue(db, payload, options = {}) {
      const checked = spec.payload.parse(payload);
      const row: InsertJobOptions = {
        dedupeKey: spec.dedupeKey?.(checked, options),
        runAt: options.runAt,
        workspaceId: options.workspaceId,
        maxAttempts: spec.maxAttempts,
        priority: spec.priority ?? DEFAULT_PRIORITY,
      };
      return insertJob(db, spec.queue, checked as Record<string, unknown>, row);
    },
    async run(db, storedPayload, context) {
      const parsed = spec.payload.safeParse(storedPayload);
      if (!parsed.success) throw new PermanentJobError(`The stored payload does not fit ${spec.queue}: ${parsed.error.message}`);
      await spec.handle(db, parsed.data, context);
    },
  };
}
