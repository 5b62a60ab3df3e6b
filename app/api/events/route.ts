import { getActor } from "@/lib/auth/actor";
import { mayReceive } from "@/lib/realtime/audience";
import { subscribeToEvents } from "@/lib/realtime/bus";
import { trackLiveStream } from "@/lib/realtime/live-streams";
import { log } from "@/lib/log";
import { observedRoute } from "@/lib/observability/route";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 25_000;

/** Server-Sent Events for the signed-in user (spec §10): every change they may see, from any instance. */
export const GET = observedRoute("events", openEventStream);

async function openEventStream(request: Request): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  const subject = { userId: actor.userId, workspaceId: actor.workspaceId };
  const encoder = new TextEncoder();

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const write = (chunk: string) => {
        if (!closed) controller.enqueue(encoder.encode(chunk));
      };
      // Events are checked one after another so the stream keeps their order.
      let queue = Promise.resolve();
      const unsubscribe = subscribeToEvents((event) => {
        queue = queue
          .then(async () => {
            if (await mayReceive(subject, event)) write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
          })
          .catch((error) => log.error({ err: error }, "could not deliver a live event"));
      });
      const heartbeat = setInterval(() => write(": keep-alive\n\n"), HEARTBEAT_MS);
      write("retry: 3000\nevent: ready\ndata: {}\n\n");
      const end = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        untrack();
        controller.close();
      };
      // A shutting-down instance ends the stream with a retry hint; the browser reconnects elsewhere.
      const untrack = trackLiveStream({
        close(retryMs) {
          write(`retry: ${retryMs}\n\n`);
          end();
        },
      });
      request.signal.addEventListener("abort", end);
    },
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
