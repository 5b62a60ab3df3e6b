import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/index";
import { workspaces } from "@/db/schema";
import { DEMO } from "@/db/seed";
import { mayShowDemoHint } from "@/lib/runtime/production-defaults";

/** The sign-in page names the demo password only where it works and never in production. */
export async function showDemoHint(): Promise<boolean> {
  if (!mayShowDemoHint()) return false;
  const db = await getDb();
  const [demo] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, DEMO.workspaceId)).limit(1);
  return Boolean(demo);
}
