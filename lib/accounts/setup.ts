import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { users, workspaces } from "@/db/schema";
import { hashPassword } from "@/lib/crypto/password";
import { ok, refuse, type Result } from "@/lib/result";
import { isEmailTaken } from "./email-taken";
import { emailField, nameField, passwordField, passwordProblem } from "./password-policy";

export const createWorkspaceSchema = z.object({
  companyName: z.string().trim().min(1, "company_required").max(100, "name_too_long"),
  name: nameField,
  email: emailField,
  password: passwordField,
});

export type CreateWorkspaceRefusal = "setup_done" | "email_taken" | "password_too_short" | "password_is_email";

/**
 * A new workspace and its first admin: first-run setup (`firstRun`, refused once any workspace
 * exists, even when two visitors submit at once) or /signup. The caller signs the admin in.
 */
export async function createWorkspaceWithAdmin(
  db: Executor,
  input: z.output<typeof createWorkspaceSchema>,
  mode: "firstRun" | "signup",
  locale: string,
): Promise<Result<{ workspaceId: string; userId: string }, CreateWorkspaceRefusal>> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) return refuse(problem);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // One first run: concurrent setups queue on this lock and the second finds the workspace.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('switchboard:create-workspace'))`);
    if (mode === "firstRun") {
      const existing = await tx.select({ id: workspaces.id }).from(workspaces).limit(1);
      if (existing.length > 0) return refuse("setup_done");
    }
    if (await isEmailTaken(tx, input.email)) return refuse("email_taken");
    const [workspace] = await tx.insert(workspaces).values({ name: input.companyName, defaultLocale: locale }).returning();
    const [user] = await tx
      .insert(users)
      .values({ workspaceId: workspace!.id, name: input.name, email: input.email, passwordHash, role: "admin", locale })
      .returning();
    return ok({ workspaceId: workspace!.id, userId: user!.id });
  });
}
