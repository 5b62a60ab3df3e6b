import { timingSafeEqual } from "node:crypto";
import { getDb } from "@/db/index";
import { getEnv } from "@/lib/env";
import { metrics, scrapeMetrics } from "@/lib/observability/metrics";
import { observedRoute } from "@/lib/observability/route";

export const dynamic = "force-dynamic";

/**
 * Prometheus text (SPEC §15) for a scraper holding `METRICS_TOKEN` as a bearer token. Without
 * the variable, without the header or with a wrong token the route does not exist (404).
 */
export const GET = observedRoute("metrics", async (request: Request) => {
  if (!hasMetricsToken(request.headers.get("authorization"))) return new Response("Not found", { status: 404 });
  const body = await scrapeMetrics(await getDb());
  return new Response(body, { headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" } });
});

function hasMetricsToken(authorization: string | null): boolean {
  const expected = getEnv().METRICS_TOKEN;
  const given = authorization?.match(/^Bearer (.+)$/)?.[1];
  if (!expected || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
