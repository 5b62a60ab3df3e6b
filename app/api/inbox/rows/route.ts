import { getDb } from "@/db/index";
import { z } from "zod";
import { getActor } from "@/lib/auth/actor";
import { queryOf, readRows, rowsInput } from "@/lib/inbox/live-reads";

export const dynamic = "force-dynamic";

/** GET /api/inbox/rows?view=&app=&ids=a,b: those conversations as list rows, where they are in the view. */
export async function GET(request: Request) {
  const db = await getDb();
  const actor = await getActor(db);
  if (!actor) return Response.json({ error: "unauthorized" }, { status: 401 });
  const input = rowsInput.safeParse(queryOf(request));
  if (!input.success) return Response.json({ error: "invalid_input", detail: z.prettifyError(input.error) }, { status: 400 });
  return Response.json({ rows: await readRows(db, actor, input.data) }, { headers: { "Cache-Control": "no-store" } });
}
