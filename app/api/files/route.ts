import { z } from "zod";
import { getDb } from "@/db/index";
import { getActor } from "@/lib/auth/actor";
import { checkFile, cleanFileName, MAX_FILE_BYTES } from "@/lib/files/file-rules";
import { storeFile } from "@/lib/files/storage";
import { findAccessibleConversation } from "@/lib/apps/access";
import { observedRoute } from "@/lib/observability/route";

export const dynamic = "force-dynamic";

const querySchema = z.object({ conversationId: z.uuid() });
/** The name travels URI-encoded in a custom header, which also keeps plain cross-site forms out. */
const nameSchema = z
  .string()
  .min(1)
  .max(2000)
  .transform((value, context) => {
    try {
      return cleanFileName(decodeURIComponent(value));
    } catch {
      context.addIssue({ code: "custom", message: "bad file name" });
      return z.NEVER;
    }
  });

const refusal = (reason: string, status: number) => Response.json({ ok: false, reason }, { status });

/**
 * `POST /api/files?conversationId=…` with the file as the body (SPEC §14): kept for a reply in
 * that conversation. Size and type are refused from the headers before the body is read; a body
 * longer than it said is cut off at 16 MB while streaming to disk.
 */
export const POST = observedRoute("files.upload", async (request: Request) => {
  const db = await getDb();
  const actor = await getActor(db);
  if (!actor) return refusal("unauthorized", 401);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const name = nameSchema.safeParse(request.headers.get("x-file-name") ?? "");
  if (!query.success || !name.success) return refusal("invalid_upload", 400);
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > MAX_FILE_BYTES) {
    // Before authorization work: nothing about an oversized body is worth a database query.
    return refusal("file_too_large", 413);
  }
  const found = await findAccessibleConversation(db, actor, query.data.conversationId);
  if (!found) return refusal("not_found", 404);
  const checked = checkFile(found.app.provider, {
    type: request.headers.get("content-type") ?? "",
    size: Number.isFinite(declared) ? declared : 1,
  });
  if (!checked.ok) return refusal(checked.reason, checked.reason === "file_type_refused" ? 415 : checked.reason === "file_too_large" ? 413 : 400);
  if (!request.body) return refusal("file_empty", 400);
  const stored = await storeFile(db, {
    workspaceId: actor.workspaceId,
    conversationId: found.conversation.id,
    userId: actor.userId,
    name: name.data,
    contentType: checked.type,
    body: request.body,
  });
  if (!stored.ok) return refusal(stored.reason, stored.reason === "file_too_large" ? 413 : 400);
  const { id, size, contentType } = stored.value;
  return Response.json({ ok: true, file: { id, name: name.data, size, contentType } }, { status: 201 });
});
