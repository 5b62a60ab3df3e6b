/**
 * How many large webhook bodies one instance reads before their signature is checked, at once.
 * Anyone can send them (app ids are not secret), and each costs a read and an HMAC of up to
 * 1 MiB on the one event loop: four at once kept every loop turn long enough to push
 * /api/health's p99 past its budget (issue 9, bench:abuse). Waiting bodies are not read: their
 * bytes stay in the socket's buffers, which costs this process nothing. Small bodies (every
 * Twilio webhook, nearly every Messenger batch) skip the gate, so an attack never queues them.
 */
export const GATED_BODY_BYTES = 64 * 1024;

export type BodyGate = {
  /** A release function once it is this body's turn; null when too many already wait (answer 429). */
  enter(): Promise<(() => void) | null>;
  /** Bodies being read now and waiting, for tests and metrics. */
  readonly load: { reading: number; waiting: number };
};

export function createBodyGate(slots: number, maxWaiting: number): BodyGate {
  let reading = 0;
  const waiting: (() => void)[] = [];
  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      // The slot passes straight to the next in line, so a newcomer cannot overtake it.
      if (next) next();
      else reading--;
    };
  };
  return {
    async enter() {
      if (reading < slots) {
        reading++;
        return releaser();
      }
      if (waiting.length >= maxWaiting) return null;
      await new Promise<void>((resolve) => waiting.push(resolve));
      return releaser();
    },
    get load() {
      return { reading, waiting: waiting.length };
    },
  };
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
  createBodyGate(1, 64));
