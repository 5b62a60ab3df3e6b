import type { users } from "@/db/schema";

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

export function actorFromUser(user: typeof users.$inferSelect): Actor {
  return {
    userId: user.id,
    workspaceId: user.workspaceId,
    role: user.role,
    name: user.name,
    email: user.email,
    locale: user.locale,
    isAvailable: user.isAvailable,
  };
}
