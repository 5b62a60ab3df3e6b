import { getDb } from "@/db/index";
import { getActor } from "@/lib/auth/actor";
import { readNewestThread } from "@/lib/inbox/live-reads";
import { isUuid } from "@/lib/ids";

export const dynamic = "force-dynamic";

/** GET /api/inbox/conversations/{id}/thread: the newest thread page, for the open conversation. */
export async function GET(_request: Request, { params }: { params: Promise<{ conversationId: string }> }) {
  const db = await getDb();
  const actor = await getActor(db);
  if (!actor) return Response.json({ error: "unauthorized" }, { status: 401 });
  const { conversationId } = await params;
  if (!isUuid(conversationId)) return Response.json({ error: "not_found" }, { status: 404 });
  const page = await readNewestThread(db, actor, conversationId);
  if (!page) return Response.json({ error: "not_found" }, { status: 404 });
  return Response.json({ page }, { headers: { "Cache-Control": "no-store" } });
}
