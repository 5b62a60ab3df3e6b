import { MAX_WEBHOOK_BODY_BYTES } from "./read-body";

/**
 * How many large webhook bodies one instance reads before their signature is checked, at once.
 * Anyone can send them (app ids are not secret), and each costs a read and an HMAC of up to
 * 1 MiB on the one event loop: four at once kept every loop turn long enough to push
 * /api/health's p99 past its budget (issue 9, bench:abuse). Waiting bodies are not read: their
 * bytes stay in the socket's buffers, which costs this process nothing. Small bodies (every
 * Twilio webhook, nearly every Messenger batch) skip the gate, so an attack never queues them.
 */
export const GATED_BODY_BYTES = 64 * 1024;

/**
 * How many bytes of such bodies one instance takes in a second, whoever sends them. One at a
 * time still let an attacker keep one body in flight without pause (127 MiB/s on this machine,
 * its sending and our reading taking both cores); 16 MiB/s is a tenth of a core here, and far
 * more than the odd large Messenger batch needs.
 */
export const GATED_BYTES_PER_SECOND = 16 * 1024 * 1024;

export type BodyGate = {
  /**
   * A release function once it is this body's turn (slot free and the byte budget allowing
   * `bytes`); null when too many already wait (answer 429).
   */
  enter(bytes: number): Promise<(() => void) | null>;
  /** Bodies being read now and waiting, for tests and metrics. */
  readonly load: { reading: number; waiting: number };
};

export function createBodyGate(
  slots: number,
  maxWaiting: number,
  bytesPerSecond = Number.POSITIVE_INFINITY,
  now: () => number = () => performance.now(),
): BodyGate {
  let reading = 0;
  /** When the byte budget lets the next body in: each admission moves it on by its bytes. */
  let readyAt = Number.NEGATIVE_INFINITY;
  const waiting: { bytes: number; admit: () => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const admit = (bytes: number) => {
    reading++;
    readyAt = Math.max(readyAt, now()) + (bytes / bytesPerSecond) * 1000;
  };
  // Admits from the front of the line while slots and budget allow; otherwise waits for one.
  const pump = () => {
    while (waiting.length > 0 && reading < slots) {
      const wait = readyAt - now();
      if (wait > 0) {
        timer ??= setTimeout(() => {
          timer = undefined;
          pump();
        }, wait);
        return;
      }
      const next = waiting.shift()!;
      admit(next.bytes);
      next.admit();
    }
  };
  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      reading--;
      pump();
    };
  };
  return {
    async enter(bytes) {
      // Nobody overtakes the line: a newcomer goes straight in only when nobody waits.
      if (waiting.length === 0 && reading < slots && readyAt <= now()) {
        admit(bytes);
        return releaser();
      }
      if (waiting.length >= maxWaiting) return null;
      await new Promise<void>((resolve) => {
        waiting.push({ bytes, admit: resolve });
        pump();
      });
      return releaser();
    },
    get load() {
      return { reading, waiting: waiting.length };
    },
  };
}

/** The bytes a gated body is counted as: its Content-Length, or the cap when it has none. */
export function gatedBytes(request: Request): number {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  return Number.isFinite(declared) && declared >= 0 ? Math.min(declared, MAX_WEBHOOK_BODY_BYTES) : MAX_WEBHOOK_BODY_BYTES;
}

/** Whether a request's body goes through the gate: large by its Content-Length, or of unknown length. */
export function needsGate(request: Request): boolean {
  const declared = request.headers.get("content-length");
  if (declared === null) return request.body !== null;
  const bytes = Number(declared);
  return !Number.isFinite(bytes) || bytes > GATED_BODY_BYTES;
}

// One per process (module copies share it), like the instance's event loop it protects.
export const unsignedBodyGate: BodyGate = ((globalThis as { __switchboardBodyGate?: BodyGate }).__switchboardBodyGate ??=
  createBodyGate(1, 64, GATED_BYTES_PER_SECOND));
