import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { cannedResponses, workspaces } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { CANNED_NAME_MAX, CANNED_TEXT_MAX } from "./limits";
import { ok, refuse, type Result } from "@/lib/result";
import { isUniqueViolation } from "@/db/errors";


/** A name is what follows `/` in the reply box: one word of letters, digits, `-` and `_`. */
export const cannedResponseSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "canned_name_required")
    .max(CANNED_NAME_MAX, "canned_name_too_long")
    .regex(/^[\p{L}\p{N}_-]+$/u, "canned_name_invalid"),
  text: z.string().trim().min(1, "canned_text_required").max(CANNED_TEXT_MAX, "canned_text_too_long"),
});
export type CannedResponseInput = z.output<typeof cannedResponseSchema>;

export type CannedResponseRow = { id: string; name: string; text: string };
export type CannedRefusal = "not_admin" | "canned_name_taken" | "not_found";

export async function listCannedResponses(db: Executor, workspaceId: string): Promise<CannedResponseRow[]> {
  return db
    .select({ id: cannedResponses.id, name: cannedResponses.name, text: cannedResponses.text })
    .from(cannedResponses)
    .where(eq(cannedResponses.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${cannedResponses.name})`));
}

/** The company's name fills {{company.name}}. */
export async function workspaceName(db: Executor, workspaceId: string): Promise<string> {
  const [row] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row?.name ?? "";
}

/**
 * SPEC §13: admins manage canned responses. The unique index on (workspace, lower(name))
 * decides between two admins saving one name at once; the loser is told the name is taken.
 */
export async function saveCannedResponse(
  db: Executor,
  actor: Actor,
  input: CannedResponseInput & { id?: string },
): Promise<Result<CannedResponseRow, CannedRefusal>> {
  if (actor.role !== "admin") return refuse("not_admin");
  try {
    if (input.id) {
      const [row] = await db
        .update(cannedResponses)
        .set({ name: input.name, text: input.text, updatedAt: new Date() })
        .where(and(eq(cannedResponses.id, input.id), eq(cannedResponses.workspaceId, actor.workspaceId)))
        .returning({ id: cannedResponses.id, name: cannedResponses.name, text: cannedResponses.text });
      return row ? ok(row) : refuse("not_found");
    }
    const [row] = await db
      .insert(cannedResponses)
      .values({ workspaceId: actor.workspaceId, name: input.name, text: input.text, createdById: actor.userId })
      .returning({ id: cannedResponses.id, name: cannedResponses.name, text: cannedResponses.text });
    return ok(row!);
  } catch (error) {
    if (isUniqueViolation(error)) return refuse("canned_name_taken", { name: input.name });
    throw error;
  }
}

export async function deleteCannedResponse(db: Executor, actor: Actor, id: string): Promise<Result<null, CannedRefusal>> {
  if (actor.role !== "admin") return refuse("not_admin");
  const deleted = await db
    .delete(cannedResponses)
    .where(and(eq(cannedResponses.id, id), eq(cannedResponses.workspaceId, actor.workspaceId)))
    .returning({ id: cannedResponses.id });
  return deleted.length > 0 ? ok(null) : refuse("not_found");
}
