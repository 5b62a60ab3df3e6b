import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";
import { publishEvent } from "@/lib/realtime/bus";
import { ok, type Result } from "@/lib/result";
import type { AccessSubject } from "@/lib/apps/access";

/** Spec §4: going unavailable changes nothing about conversations already assigned. */
export async function setAvailability(db: Executor, actor: AccessSubject, isAvailable: boolean): Promise<Result<{ isAvailable: boolean }, never>> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ isAvailable }).where(eq(users.id, actor.userId));
    await publishEvent(tx, { type: "workspace.user_updated", workspaceId: actor.workspaceId, userId: actor.userId });
  });
  return ok({ isAvailable });
}
