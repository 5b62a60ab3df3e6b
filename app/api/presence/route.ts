import { getDb } from "@/db/index";
import { getActor } from "@/lib/auth/actor";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { observedRoute } from "@/lib/observability/route";
import { announcePresence, presenceInputSchema } from "@/lib/presence/presence";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 1024;

/**
 * POST /api/presence {conversationId, state}: the open conversation's tab says it is viewing,
 * typing or leaving (spec §13). A route rather than an action so a closing tab can still send
 * "left" (fetch keepalive). Same-origin only: a cross-site form could otherwise speak for the user.
 */
export const POST = observedRoute("presence", async (request: Request) => {
  const db = await getDb();
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin && origin !== process.env.APP_URL) {
    return Response.json({ error: "forbidden" }, { status: 403 });
  }
  const actor = await getActor(db);
  if (!actor) return Response.json({ error: "unauthorized" }, { status: 401 });
  const body = await readBodyWithLimit(request, MAX_BODY_BYTES);
  if (!body.ok) return Response.json({ error: "too_large" }, { status: 413 });
  let json: unknown;
  try {
    json = JSON.parse(body.body.toString("utf8"));
  } catch {
    return Response.json({ error: "invalid_input" }, { status: 400 });
  }
  const input = presenceInputSchema.safeParse(json);
  if (!input.success) return Response.json({ error: "invalid_input" }, { status: 400 });
  const result = await announcePresence(await getDb(), actor, input.data);
  if (!result.ok) return Response.json({ error: result.reason }, { status: result.reason === "rate_limited" ? 429 : 404 });
  return new Response(null, { status: 204 });
});
