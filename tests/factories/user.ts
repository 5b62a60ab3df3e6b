import { getDb } from "@/db/index";
import { users, type User, type Workspace } from "@/db/schema";
import type { AccessSubject } from "@/lib/apps/access";
import { actorFromUser, type Actor } from "@/lib/actor";
import { hashPassword } from "@/lib/crypto/password";
import { nextSequence, uniqueToken } from "./sequence";
import { createWorkspace } from "./workspace";

/** Every factory user can sign in with this password unless the test picks another. */
export const DEFAULT_PASSWORD = "test-password";

// bcrypt takes tens of milliseconds; hash the shared default once per test file.
let defaultHash: Promise<string> | undefined;

export type CreateUserOptions = {
  /** A new workspace when omitted. */
  workspace?: Pick<Workspace, "id">;
  role?: "admin" | "member";
  name?: string;
  email?: string;
  isActive?: boolean;
  isAvailable?: boolean;
  password?: string;
  locale?: string | null;
};

export async function createUser(options: CreateUserOptions = {}): Promise<User> {
  const workspace = options.workspace ?? (await createWorkspace());
  const n = nextSequence();
  const passwordHash =
    options.password === undefined
      ? await (defaultHash ??= hashPassword(DEFAULT_PASSWORD))
      : await hashPassword(options.password);
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({
      workspaceId: workspace.id,
      name: options.name ?? `User ${n}`,
      email: options.email ?? `${uniqueToken("user")}@example.test`,
      role: options.role ?? "member",
      isActive: options.isActive ?? true,
      isAvailable: options.isAvailable ?? true,
      locale: options.locale ?? null,
      passwordHash,
    })
    .returning();
  return user!;
}

/** What access rules take (lib/apps/access.ts). */
export function subjectOf(user: Pick<User, "id" | "workspaceId">): AccessSubject {
  return { userId: user.id, workspaceId: user.workspaceId };
}

/** What domain functions and actions take, built as requireUser() builds it (lib/actor.ts). */
export function actorOf(user: User): Actor {
  return actorFromUser(user);
}
