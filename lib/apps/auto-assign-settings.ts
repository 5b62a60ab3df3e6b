import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { messagingApps } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { ok, refuse, type Result } from "@/lib/result";
import { announceAppChanged, forgetInstalledApp } from "./installed-app";

export const AUTO_ASSIGN_LIMIT_MAX = 1000;

export const autoAssignSettingsSchema = z.object({
  appId: z.uuid(),
  enabled: z.boolean(),
  /** Null: no limit. */
  limit: z.number().int("limit").min(1, "limit").max(AUTO_ASSIGN_LIMIT_MAX, "limit").nullable(),
});
export type AutoAssignSettingsInput = z.output<typeof autoAssignSettingsSchema>;

/**
 * Turns an app's auto-assignment on or off and sets its per-person limit (admins, like every
 * app setting). The webhook path reads the flag from its app cache, so every instance is told.
 */
export async function saveAutoAssignSettings(
  db: Database,
  actor: Actor,
  input: AutoAssignSettingsInput,
): Promise<Result<{ appId: string }, "not_admin" | "not_found">> {
  if (actor.role !== "admin") return refuse("not_admin");
  const result = await db.transaction(async (tx) => {
    const [app] = await tx
      .update(messagingApps)
      .set({ autoAssign: input.enabled, autoAssignLimit: input.limit })
      .where(and(eq(messagingApps.id, input.appId), eq(messagingApps.workspaceId, actor.workspaceId), isNull(messagingApps.uninstalledAt)))
      .returning({ id: messagingApps.id });
    if (!app) return refuse("not_found");
    await announceAppChanged(tx, app.id);
    return ok({ appId: app.id });
  });
  if (result.ok) await forgetInstalledApp(result.value.appId);
  return result;
}
