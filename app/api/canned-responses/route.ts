import { getDb } from "@/db/index";
import { getActor } from "@/lib/auth/actor";
import { listCannedResponses, workspaceName } from "@/lib/canned/canned-responses";

export const dynamic = "force-dynamic";

/**
 * GET /api/canned-responses: the signed-in user's workspace's canned responses and the
 * company name that fills {{company.name}}; the reply box's `/` picker loads them on first use.
 */
export async function GET() {
  const db = await getDb();
  const actor = await getActor(db);
  if (!actor) return Response.json({ error: "unauthorized" }, { status: 401 });
  const [responses, companyName] = await Promise.all([listCannedResponses(db, actor.workspaceId), workspaceName(db, actor.workspaceId)]);
  return Response.json({ responses, companyName }, { headers: { "Cache-Control": "no-store" } });
}
