import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messages } from "@/db/schema";

/** When the customer last wrote in this conversation (the thread index, newest first). */
export async function lastInboundAt(db: Executor, conversationId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: messages.occurredAt })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "inbound")))
    .orderBy(desc(messages.occurredAt))
    .limit(1);
  return row?.at ?? null;
}
