import { getDb } from "@/db/index";
import { z } from "zod";
import { getActor } from "@/lib/auth/actor";
import { countsInput, queryOf, readCounts } from "@/lib/inbox/live-reads";

export const dynamic = "force-dynamic";

/** GET /api/inbox/counts?app=: the four view counts (capped, see lib/inbox/queries.ts). */
export async function GET(request: Request) {
  const db = await getDb();
  const actor = await getActor(db);
  if (!actor) return Response.json({ error: "unauthorized" }, { status: 401 });
  const input = countsInput.safeParse(queryOf(request));
  if (!input.success) return Response.json({ error: "invalid_input", detail: z.prettifyError(input.error) }, { status: 400 });
  return Response.json({ counts: await readCounts(db, actor, input.data) }, { headers: { "Cache-Control": "no-store" } });
}
