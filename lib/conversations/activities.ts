import "server-only";
import type { Executor } from "@/db/client";
import { conversationActivities } from "@/db/schema";

type ActivityInput = {
  workspaceId: string;
  conversationId: string;
  kind: "linked" | "unlinked";
  actorId: string;
  detail: Record<string, string>;
};

/** Activity lines other modules add to a thread (CRM linking); the inbox's own lines are written where they happen. */
export async function recordActivity(db: Executor, input: ActivityInput): Promise<void> {
  await db.insert(conversationActivities).values({ ...input, occurredAt: new Date() });
}
