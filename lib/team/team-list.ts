import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { oneTimeTokens, users } from "@/db/schema";
import type { Actor } from "@/lib/actor";

export type TeamRow = {
  kind: "user" | "invitation";
  id: string;
  name: string | null;
  email: string;
  role: "admin" | "member";
  status: "active" | "invited" | "deactivated";
  isAvailable: boolean | null;
  lastSignInAt: Date | null;
  /** Invitations only: when the link stops working (it may have already). */
  expiresAt: Date | null;
};

/** /settings/team: every user of the workspace, then its pending invitations (spec §12). */
export async function listTeam(db: Executor, actor: Actor): Promise<TeamRow[]> {
  const [people, invitations] = await Promise.all([
    db.select().from(users).where(eq(users.workspaceId, actor.workspaceId)).orderBy(asc(users.name), asc(users.id)),
    db
      .select()
      .from(oneTimeTokens)
      .where(
        and(
          eq(oneTimeTokens.workspaceId, actor.workspaceId),
          eq(oneTimeTokens.purpose, "invitation"),
          isNull(oneTimeTokens.usedAt),
          isNull(oneTimeTokens.revokedAt),
        ),
      )
      .orderBy(asc(oneTimeTokens.email)),
  ]);
  return [
    ...people.map(
      (user): TeamRow => ({
        kind: "user",
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        status: user.isActive ? "active" : "deactivated",
        isAvailable: user.isAvailable,
        lastSignInAt: user.lastSignInAt,
        expiresAt: null,
      }),
    ),
    ...invitations.map(
      (invitation): TeamRow => ({
        kind: "invitation",
        id: invitation.id,
        name: null,
        email: invitation.email,
        role: invitation.role ?? "member",
        status: "invited",
        isAvailable: null,
        lastSignInAt: null,
        expiresAt: invitation.expiresAt,
      }),
    ),
  ];
}
