import { getActor } from "@/lib/auth/actor";
import { log } from "@/lib/log";
import { observedRoute } from "@/lib/observability/route";
import { streamAudience } from "@/lib/realtime/audience";
import { subscribeToEvents } from "@/lib/realtime/bus";
import { createLiveStream } from "@/lib/realtime/live-stream";
import { trackLiveStream } from "@/lib/realtime/live-streams";

export const dynamic = "force-dynamic";

/**
 * Server-Sent Events for the signed-in user (spec §10): every change they may see, from any
 * instance. Bounded per user and per slow reader (lib/realtime/live-stream.ts); a shutdown
 * closes it with a retry hint (lib/realtime/live-streams.ts).
 */
export const GET = observedRoute("events", openEventStream);

async function openEventStream(request: Request): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  const subject = { userId: actor.userId, workspaceId: actor.workspaceId };

  // What the user reaches is cached per stream and reloaded on access.changed (audience.ts);
  // a deactivated user gets nothing more ("closed" is never sent).
  const audience = streamAudience(subject);
  const stream = createLiveStream({
    userId: actor.userId,
    signal: request.signal,
    subscribe: subscribeToEvents,
    accept: async (event) => (await audience.decide(event)) === "send",
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
