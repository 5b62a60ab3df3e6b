import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/index";
import { users, workspaces, type MessagingApp } from "@/db/schema";
import { hasAppAccess } from "@/lib/inbox/access";
import { loadPreferences } from "./preferences";
import type { Candidate } from "./recipients";

export type Person = Candidate & { name: string; email: string; locale: string };

/** Everyone of the app's workspace, with what the recipients rule needs to decide about them. */
export async function loadCandidates(db: Executor, app: MessagingApp): Promise<Person[]> {
  const rows = await db
    .select({ user: users, defaultLocale: workspaces.defaultLocale })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(and(eq(users.workspaceId, app.workspaceId), eq(users.isActive, true)));
  const preferences = await loadPreferences(db, rows.map((row) => row.user.id));
  return Promise.all(
    rows.map(async ({ user, defaultLocale }) => ({
      userId: user.id,
      isActive: user.isActive,
      hasAccess: await hasAppAccess(db, { userId: user.id, workspaceId: user.workspaceId }, app.id),
      preferences: preferences.get(user.id)!,
      name: user.name,
      email: user.email,
      locale: user.locale ?? defaultLocale,
    })),
  );
}
