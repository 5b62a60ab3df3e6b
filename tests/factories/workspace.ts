import { getDb } from "@/db/index";
import { workspaces, type Workspace } from "@/db/schema";
import { nextSequence } from "./sequence";

export type CreateWorkspaceOptions = Partial<typeof workspaces.$inferInsert>;

export async function createWorkspace(overrides: CreateWorkspaceOptions = {}): Promise<Workspace> {
  const db = await getDb();
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Workspace ${nextSequence()}`, ...overrides })
    .returning();
  return workspace!;
}
