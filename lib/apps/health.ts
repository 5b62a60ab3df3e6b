import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messagingApps } from "@/db/schema";
import { log } from "@/lib/observability/log";

/**
 * The settings page's health line: when the provider last reached us, and the last thing that
 * went wrong. The app row is hot under webhook traffic (every request would write it), so:
 * - "last webhook" is kept in memory and written once per app every FLUSH_MS;
 * - a failed signature (anyone can send one: app ids are not secret) is written at most once
 *   per app per minute — per process by a memory gate, across instances by the update's own
 *   condition.
 * Other errors are rare and written at once.
 */
const FLUSH_MS = 3_000;
export const SIGNATURE_ERROR_INTERVAL_MS = 60_000;

type HealthState = {
  pendingWebhookAt: Map<string, Date>;
  signatureErrorWrittenAt: Map<string, number>;
  timer?: ReturnType<typeof setTimeout>;
  flushing: Promise<void>;
};

const state: HealthState = ((globalThis as { __switchboardAppHealth?: HealthState }).__switchboardAppHealth ??= {
  pendingWebhookAt: new Map(),
  signatureErrorWrittenAt: new Map(),
  flushing: Promise.resolve(),
});

/** Notes that a valid webhook arrived; written within FLUSH_MS (or by flushAppHealth). */
export function noteWebhookReceived(db: Executor, appId: string, at = new Date()): void {
  const previous = state.pendingWebhookAt.get(appId);
  if (!previous || previous < at) state.pendingWebhookAt.set(appId, at);
  state.timer ??= setTimeout(() => void flushAppHealth(db), FLUSH_MS);
  state.timer.unref?.();
}

/** Writes the pending "last webhook" times now; call on shutdown, and in tests. */
export function flushAppHealth(db: Executor): Promise<void> {
  clearTimeout(state.timer);
  state.timer = undefined;
  const pending = [...state.pendingWebhookAt];
  state.pendingWebhookAt.clear();
  state.flushing = state.flushing.then(async () => {
    if (pending.length === 0) return;
    try {
      for (const [appId, at] of pending) await recordWebhookReceived(db, appId, at);
    } catch (error) {
      log.error({ err: error }, "could not write the apps' last-webhook times");
    }
  });
  return state.flushing;
}

export async function recordWebhookReceived(db: Executor, appId: string, at = new Date()): Promise<void> {
  // Never moves backwards: another instance may have flushed a later time already.
  await db
    .update(messagingApps)
    .set({ lastWebhookAt: at })
    .where(and(eq(messagingApps.id, appId), or(isNull(messagingApps.lastWebhookAt), lt(messagingApps.lastWebhookAt, at))));
}

export async function recordAppError(db: Executor, appId: string, message: string, at = new Date()): Promise<void> {
  await db
    .update(messagingApps)
    .set({ lastError: message.slice(0, 500), lastErrorAt: at })
    .where(eq(messagingApps.id, appId));
}

/**
 * A failed signature, written at most once per app per minute: returns whether it was written.
 * The memory gate spares the database entirely; the condition keeps instances to one write too.
 */
export async function recordSignatureFailure(db: Executor, appId: string, message: string, at = new Date()): Promise<boolean> {
  const last = state.signatureErrorWrittenAt.get(appId);
  if (last !== undefined && at.getTime() - last < SIGNATURE_ERROR_INTERVAL_MS) return false;
  state.signatureErrorWrittenAt.set(appId, at.getTime());
  if (state.signatureErrorWrittenAt.size > 10_000) state.signatureErrorWrittenAt.clear();
  const written = await db
    .update(messagingApps)
    .set({ lastError: message.slice(0, 500), lastErrorAt: at })
    .where(
      and(
        eq(messagingApps.id, appId),
        or(
          isNull(messagingApps.lastErrorAt),
          sql`${messagingApps.lastError} is distinct from ${message.slice(0, 500)}`,
          lt(messagingApps.lastErrorAt, new Date(at.getTime() - SIGNATURE_ERROR_INTERVAL_MS)),
        ),
      ),
    )
    .returning({ id: messagingApps.id });
  return written.length > 0;
}

/** Tests: forget the per-process gates and pending writes. */
export function resetAppHealthState(): void {
  clearTimeout(state.timer);
  state.timer = undefined;
  state.pendingWebhookAt.clear();
  state.signatureErrorWrittenAt.clear();
}
