import { getActor } from "@/lib/auth/actor";
import { mayReceive } from "@/lib/realtime/audience";
import { subscribeToEvents } from "@/lib/realtime/bus";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 25_000;

/** Server-Sent Events for the signed-in user (spec §10): every change they may see, from any instance. */
export async function GET(request: Request) {
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
          .catch((error) => console.error("Live events: could not deliver an event", error));
      });
      const heartbeat = setInterval(() => write(": keep-alive\n\n"), HEARTBEAT_MS);
      write("retry: 3000\nevent: ready\ndata: {}\n\n");
      request.signal.addEventListener("abort", () => {
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        controller.close();
      });
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
