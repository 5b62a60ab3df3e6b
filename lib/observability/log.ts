import pino, { type DestinationStream, type Logger } from "pino";
import { currentLogContext } from "@/lib/observability/context";

/**
 * The one logger: JSON lines on stdout with a level, the time, and the request id (and job id)
 * of the request or job writing them. Never pass secrets, tokens, passwords, message texts or
 * email bodies; the redact list below is a safety net for the usual field names, not a licence.
 */

type Holder = { log: Logger; sink: { target: DestinationStream } };

const REDACTED_FIELDS = [
  "password",
  "passwordHash",
  "secret",
  "appSecret",
  "authToken",
  "token",
  "accessToken",
  "pageAccessToken",
  "verifyToken",
  "authorization",
  "cookie",
  "text",
  "body",
  "html",
  "payload",
];

function defaultLevel(): string {
  if (process.env.LOG_LEVEL) return process.env.LOG_LEVEL;
  // Tests provoke failures on purpose; their stack traces would bury the test report.
  return process.env.VITEST ? "silent" : "info";
}

function createLogger(sink: Holder["sink"]): Logger {
  return pino(
    {
      level: defaultLevel(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...currentLogContext() }),
      redact: {
        paths: [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((field) => `*.${field}`), "headers.*"],
        censor: "[redacted]",
      },
    },
    { write: (line: string) => sink.target.write(line) },
  );
}

// One logger per process, even when Next evaluates this module in several bundles. Lines go
// through `sink` so tests can read them (`captureLogs`) without a second logger.
const holder: Holder = ((globalThis as { __switchboardLog?: Holder }).__switchboardLog ??= (() => {
  // A synchronous write per line cost a syscall per request under load (issue 12); lines are
  // collected up to 4 KiB or one second instead, and whatever is left goes out on exit.
  const destination = pino.destination({ dest: 1, sync: true, minLength: 4096, periodicFlush: 1000 });
  process.on("exit", () => destination.flushSync());
  const sink = { target: destination as DestinationStream };
  return { sink, log: createLogger(sink) };
})());

export const log: Logger = holder.log;

/** For tests: collects every line logged while `run` runs (at level `debug` and up). */
export async function captureLogs<T>(run: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const { sink } = holder;
  const previous = sink.target;
  const previousLevel = log.level;
  const raw: string[] = [];
  sink.target = { write: (line: string) => void raw.push(line) } as DestinationStream;
  log.level = "debug";
  try {
    const result = await run();
    return { result, lines: raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
  } finally {
    sink.target = previous;
    log.level = previousLevel;
  }
}
