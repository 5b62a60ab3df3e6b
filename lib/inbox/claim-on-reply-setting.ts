import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { workspaces } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { ok, refuse, type Result } from "@/lib/result";

export const claimOnReplySettingSchema = z.object({ enabled: z.boolean() });

export async function readClaimOnReply(db: Executor, workspaceId: string): Promise<boolean> {
  const [row] = await db.select({ claimOnReply: workspaces.claimOnReply }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row?.claimOnReply ?? true;
}

/** Admins only: the workspace's claim-on-reply rule (lib/inbox/claim-on-reply.ts). */
export async function saveClaimOnReply(
  db: Executor,
  actor: Actor,
  input: z.output<typeof claimOnReplySettingSchema>,
): Promise<Result<{ enabled: boolean }, "not_admin">> {
  if (actor.role !== "admin") return refuse("not_admin");
  await db.update(workspaces).set({ claimOnReply: input.enabled }).where(eq(workspaces.id, actor.workspaceId));
  return ok({ enabled: input.enabled });
}
