import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { conversationReads } from "@/db/schema";

/**
 * Unread is per user (spec §3): a conversation is unread while its last inbound message is
 * newer than the user's read marker. The marker never moves backwards.
 */
export async function markConversationReadIn(db: Executor, conversationId: string, userId: string, at = new Date()): Promise<void> {
  await db
    .insert(conversationReads)
    .values({ conversationId, userId, readAt: at })
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.userId],
      set: { readAt: sql`greatest(${conversationReads.readAt}, excluded.read_at)` },
    });
}

export async function markConversationRead(db: Executor, conversationId: string, userId: string, at = new Date()): Promise<void> {
  await markConversationReadIn(db, conversationId, userId, at);
}
