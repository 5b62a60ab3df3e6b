import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/index";
import { users } from "@/db/schema";
import { hasAppAccess, type AccessSubject } from "@/lib/inbox/access";
import type { RealtimeEvent } from "./events";

/**
 * Whether a signed-in user's live stream may carry this event. Checked per event against the
 * database, so a user removed from an app (or deactivated) stops receiving its events at once.
 */
export async function mayReceive(subject: AccessSubject, event: RealtimeEvent): Promise<boolean> {
  if (event.workspaceId !== subject.workspaceId) return false;
  const db = await getDb();
  const [user] = await db
    .select({ isActive: users.isActive })
    .from(users)
    .where(and(eq(users.id, subject.userId), eq(users.workspaceId, subject.workspaceId)))
    .limit(1);
  if (!user?.isActive) return false;
  if (event.type === "notification.toast") return event.userId === subject.userId;
  if (event.type === "workspace.user_updated") return true;
  return hasAppAccess(db, subject, event.appId);
}
