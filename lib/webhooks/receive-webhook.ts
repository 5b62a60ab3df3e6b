import "server-only";
import type { Executor } from "@/db/client";
import { noteWebhookReceived, recordAppError, recordSignatureFailure } from "@/lib/apps/health";
import { findInstalledApp } from "@/lib/apps/installed-app";
import { declaresTooLarge, readBodyWithLimit } from "@/lib/http/read-body";
import { gatedBytes, needsGate, unsignedBodyGate } from "@/lib/http/unsigned-body-gate";
import { ingestEvents } from "@/lib/inbox/ingest-events";
import type { ParseFailure } from "@/lib/channels/types";
import type { AppWithCredentials, WebhookChannel } from "@/lib/channels/types";

// no-transform: Next would otherwise gzip every few-byte answer (it cannot see the length of a
// route handler's body), which cost ~5% of an ingest run's CPU in the profile (issue 12).
const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store, no-transform" } });

const refusal = (failure: ParseFailure) =>
  failure.reason === "too_large" ? text("Too many parts in one request", 413) : text("Malformed body", 400);

/** Too many large unsigned bodies already wait: try again shortly, without this one being read. */
const busy = () =>
  new Response("Too many requests", {
    status: 429,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store, no-transform", "Retry-After": "1", Connection: "close" },
  });

/** Everything before the signature is known to be right: the read, the linear bounds, the check. */
async function readAndCheck(
  db: Executor,
  request: Request,
  found: AppWithCredentials,
  channel: WebhookChannel,
): Promise<{ ok: true; body: Buffer } | { ok: false; response: Response }> {
  const body = await readBodyWithLimit(request);
  if (!body.ok) return { ok: false, response: text("Payload too large", 413) };
  const tooBig = channel.refuseUnsigned?.(body.body);
  if (tooBig) return { ok: false, response: refusal(tooBig) };
  if (!channel.isSigned(found, body.body, request)) {
    // Anyone can send these (app ids are not secret): at most one health write per app per minute.
    await recordSignatureFailure(db, found.app.id, "A webhook arrived with a missing or invalid signature");
    return { ok: false, response: text("Invalid signature", 401) };
  }
  return { ok: true, body: body.body };
}

/**
 * Spec §8, in order: unknown app 404, body over 1 MiB 413, bad signature 401, malformed 400 —
 * each before anything is stored — then one transaction for the events, then 200.
 */
export async function receiveWebhook(db: Executor, request: Request, appId: string, channel: WebhookChannel): Promise<Response> {
  const found = await findInstalledApp(db, appId, channel.provider);
  if (!found) return text("Not found", 404);

  if (declaresTooLarge(request)) return text("Payload too large", 413);
  // Large bodies are read and checked one at a time per instance, at a bounded byte rate (lib/http/unsigned-body-gate.ts).
  const release = needsGate(request) ? await unsignedBodyGate.enter(gatedBytes(request)) : () => {};
  if (!release) return busy();
  let checked: Awaited<ReturnType<typeof readAndCheck>>;
  try {
    checked = await readAndCheck(db, request, found, channel);
  } finally {
    release();
  }
  if (!checked.ok) return checked.response;

  const parsed = channel.parse(found, checked.body);
  if (!parsed.ok) {
    await recordAppError(db, found.app.id, "A signed webhook could not be read (malformed body)");
    return refusal(parsed);
  }
  try {
    await ingestEvents(db, found.app, parsed.events);
  } catch (error) {
    // Still a 500 (the provider retries), but the admin sees it on the app's health line.
    await recordAppError(db, found.app.id, "A webhook could not be stored; the provider will retry it");
    throw error;
  }
  // Coalesced in memory and flushed every few seconds: the app row would otherwise be written by every request.
  noteWebhookReceived(db, found.app.id);
  return text("OK", 200);
}
