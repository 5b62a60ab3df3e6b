import { getDb } from "@/db/index";
import { getSignedIn } from "@/lib/auth/actor";
import { isSessionLive } from "@/lib/auth/sessions";
import { log } from "@/lib/observability/log";
import { observedRoute } from "@/lib/observability/route";
import { streamAudience } from "@/lib/realtime/audience";
import { z } from "zod";
import { eventsSince, subscribeToEvents } from "@/lib/realtime/bus";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { createLiveStream, HEARTBEAT_MS } from "@/lib/realtime/live-stream";
import { trackLiveStream } from "@/lib/realtime/live-streams";

export const dynamic = "force-dynamic";

/**
 * Server-Sent Events for the signed-in user (spec §10): every change they may see, from any
 * instance. Bounded per user and per slow reader (lib/realtime/live-stream.ts); a shutdown
 * closes it with a retry hint (lib/realtime/live-streams.ts). A revoked session (sign-out
 * elsewhere, password change, deactivation) ends it: the revocation's `session.revoked` event
 * reaches every instance, the stream re-checks its own session, tells the browser and closes;
 * a periodic re-check covers a lost NOTIFY.
 */
export const GET = observedRoute("events", openEventStream);

/** `?since=`: the server time (ms) the tab's page was rendered at, to replay what happened since. */
const sinceSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

async function openEventStream(request: Request): Promise<Response> {
  const db = await getDb();
  const signedIn = await getSignedIn(db);
  if (!signedIn) return new Response("Unauthorized", { status: 401 });
  const { actor, sessionId } = signedIn;
  const sinceParam = new URL(request.url).searchParams.get("since");
  const since = sinceParam === null ? undefined : sinceSchema.safeParse(sinceParam);
  if (since && !since.success) return new Response("since must be a time in milliseconds", { status: 400 });
  const subject = { userId: actor.userId, workspaceId: actor.workspaceId };

  const ended = new AbortController();
  request.signal.addEventListener("abort", () => ended.abort());
  const revoked = async () => !(await isSessionLive(await getDb(), sessionId, actor.userId));
  // After the `session.revoked` frame went out, so the browser learns why before the close.
  const endSoon = () => setTimeout(() => ended.abort(), 0);
  const recheck = setInterval(() => {
    revoked()
      .then((gone) => gone && ended.abort())
      .catch((error) => log.error({ err: error }, "could not re-check a live stream's session"));
  }, HEARTBEAT_MS);
  ended.signal.addEventListener("abort", () => clearInterval(recheck));

  // What the user reaches is cached per stream and reloaded on access.changed (audience.ts).
  const audience = streamAudience(db, subject);
  const accept = async (event: RealtimeEvent) => {
    if (event.type !== "session.revoked") return (await audience.decide(event)) === "send";
    if (event.userId !== actor.userId || !(await revoked())) return false;
    endSoon();
    return true;
  };

  const stream = createLiveStream({
    userId: actor.userId,
    signal: ended.signal,
    subscribe: subscribeToEvents,
    accept,
    catchUp: since ? () => eventsSince(since.data) : undefined,
    track: trackLiveStream,
    onError: (error) => log.error({ err: error }, "could not deliver a live event"),
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
