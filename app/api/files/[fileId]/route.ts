import { getDb } from "@/db/index";
import { getActor } from "@/lib/auth/actor";
import { checkFileSignature } from "@/lib/files/signed-link";
import { fileResponse, findAccessibleFile, findFile } from "@/lib/files/storage";
import { observedRoute } from "@/lib/observability/route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ fileId: string }> };

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * `GET /api/files/{id}` (SPEC §14): with `?signature=…` for the provider that fetches an
 * attachment (the link is the permission, until it expires); without, for a signed-in user
 * who may see the conversation. A wrong or expired signature is 403 and never falls back.
 */
export const GET = observedRoute("files.get", async (request: Request, { params }: Context) => {
  const { fileId } = await params;
  const signature = new URL(request.url).searchParams.get("signature");
  const db = await getDb();
  let file;
  if (signature !== null) {
    const check = checkFileSignature(fileId, signature);
    if (check !== "valid") return text(check === "expired" ? "This link has expired" : "Invalid signature", 403);
    file = await findFile(db, fileId);
  } else {
    const actor = await getActor(db);
    if (!actor) return text("Unauthorized", 401);
    file = await findAccessibleFile(db, actor, fileId);
  }
  const response = file ? await fileResponse(file) : null;
  return response ?? text("Not found", 404);
});
