import { sql } from "drizzle-orm";
import { getDb } from "@/db/index";
import { log } from "@/lib/observability/log";

export const dynamic = "force-dynamic";

/** Liveness: the process answers and reaches its database. Readiness is /api/ready. */
export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: "ok" });
  } catch (error) {
    log.error({ err: error }, "health check: database unreachable");
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
