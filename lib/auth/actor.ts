import "server-only";
import { eq } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/index";
import { users } from "@/db/schema";
import { auth } from "./index";

/** Who is acting: everything a permission check needs, loaded fresh for every request. */
export type Actor = {
  userId: string;
  workspaceId: string;
  role: "admin" | "member";
  name: string;
  email: string;
  locale: string | null;
  isAvailable: boolean;
};

/**
 * Null when signed out, or when the session belongs to a user who was deactivated since:
 * the JWT alone would outlive the deactivation.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !user.isActive) return null;
  return {
    userId: user.id,
    workspaceId: user.workspaceId,
    role: user.role,
    name: user.name,
    email: user.email,
    locale: user.locale,
    isAvailable: user.isAvailable,
  };
});

export async function requireUser(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** Settings are for admins; everyone else gets the 403 page (app/forbidden.tsx). */
export async function requireAdmin(): Promise<Actor> {
  const actor = await requireUser();
  if (actor.role !== "admin") forbidden();
  return actor;
}
