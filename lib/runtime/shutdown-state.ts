// Kept apart from shutdown.ts so /api/ready can read it without importing the worker.
const state = ((globalThis as { __switchboardShutdown?: { since?: number } }).__switchboardShutdown ??= {});

export function markShuttingDown(): void {
  state.since ??= Date.now();
}

/** True from the signal on: readiness answers 503 so the proxy stops sending new requests. */
export function isShuttingDown(): boolean {
  return state.since !== undefined;
}
