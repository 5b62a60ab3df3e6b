import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { workspaces } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { mayShowDemoHint } from "@/lib/runtime/production-defaults";

/** The sign-in page names the demo password only where it works and never in production. */
export async function showDemoHint(db: Executor): Promise<boolean> {
  if (!mayShowDemoHint()) return false;
  const [demo] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, DEMO.workspaceId)).limit(1);
  return Boolean(demo);
}
