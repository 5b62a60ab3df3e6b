import { log } from "@/lib/observability/log";
import { observedRoute } from "@/lib/observability/route";
import { checkReadiness } from "@/lib/server/readiness";

export const dynamic = "force-dynamic";

/** Readiness (SPEC §15): 200 when this instance should get traffic, else 503 with the reason. */
export const GET = observedRoute("ready", async () => {
  const readiness = await checkReadiness();
  if (readiness.ready) return Response.json({ status: "ready", checks: readiness.checks });
  log.warn({ reason: readiness.reason }, "not ready");
  return Response.json({ status: "not_ready", reason: readiness.reason, checks: readiness.checks }, { status: 503 });
});
