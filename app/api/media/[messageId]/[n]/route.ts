import { getDb } from "@/db/index";
import { z } from "zod";
import { getActor } from "@/lib/auth/actor";
import { streamTwilioMedia } from "@/lib/inbox/twilio-media";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ messageId: z.uuid(), n: z.coerce.number().int().min(0).max(9) });

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** `/api/media/{messageId}/{n}` (SPEC §14): Twilio media of a message the user may see. */
export async function GET(_request: Request, { params }: { params: Promise<{ messageId: string; n: string }> }) {
  const db = await getDb();
  const actor = await getActor(db);
  if (!actor) return text("Unauthorized", 401);
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return text("Not found", 404);
  const outcome = await streamTwilioMedia(db, { userId: actor.userId, workspaceId: actor.workspaceId }, parsed.data.messageId, parsed.data.n);
  if (outcome.ok) return outcome.response;
  return text(outcome.status === 404 ? "Not found" : outcome.status === 413 ? "Media too large" : "The media could not be fetched from Twilio", outcome.status);
}
