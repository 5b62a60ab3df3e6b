import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";
import { listAccessibleApps, type AccessSubject } from "@/lib/apps/access";
import type { RealtimeEvent } from "./events";

type Reach = { isActive: boolean; appIds: Set<string> };

async function loadReach(db: Executor, subject: AccessSubject): Promise<Reach> {
  const [user] = await db
    .select({ isActive: users.isActive })
    .from(users)
    .where(and(eq(users.id, subject.userId), eq(users.workspaceId, subject.workspaceId)))
    .limit(1);
  if (!user?.isActive) return { isActive: false, appIds: new Set() };
  return { isActive: true, appIds: new Set((await listAccessibleApps(db, subject)).map((app) => app.id)) };
}

/**
 * Which events one signed-in user's live stream may carry. What the user reaches (active or
 * not, which apps) is loaded once per stream and kept until an `access.changed` event of the
 * workspace: database triggers on users, app_access and messaging_apps send it in the same
 * transaction as the change (db/migrations/0010_view_indexes.sql), so it arrives before any later event and a
 * removed or deactivated user stops receiving at once, with no query per event.
 */
export function streamAudience(db: Executor, subject: AccessSubject) {
  let reach: Promise<Reach> | null = null;
  return {
    /** `closed`: the user is no longer active; the stream should end. */
    async decide(event: RealtimeEvent): Promise<"send" | "skip" | "closed"> {
      if (event.type === "access.changed") {
        if (event.workspaceId === null || event.workspaceId === subject.workspaceId) reach = null;
        return "skip";
      }
      // Handled by the stream itself (app/api/events/route.ts), never sent to a browser.
      if (event.type === "session.revoked") return "skip";
      if (event.workspaceId !== subject.workspaceId) return "skip";
      reach ??= loadReach(db, subject);
      let current: Reach;
      try {
        current = await reach;
      } catch (error) {
        reach = null;
        throw error;
      }
      if (!current.isActive) return "closed";
      if (event.type === "notification.toast") return event.userId === subject.userId ? "send" : "skip";
      if (event.type === "workspace.user_updated") return "send";
      return current.appIds.has(event.appId) ? "send" : "skip";
    },
  };
}
