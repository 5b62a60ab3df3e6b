import { sql } from "drizzle-orm";
import { getDb } from "@/db/index";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: "ok" });
  } catch (error) {
    console.error("Health check: database unreachable", error);
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
