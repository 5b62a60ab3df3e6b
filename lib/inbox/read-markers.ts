import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { conversationReads } from "@/db/schema";
import type { AccessSubject } from "@/lib/apps/access";
import { findAccessibleConversation } from "@/lib/apps/access";
import { ok, refuse, type Result } from "@/lib/result";

/**
 * Unread is per user (spec §3): a conversation is unread while its last inbound message is
 * newer than the user's read marker. The marker never moves backwards.
 */
export async function markConversationRead(db: Executor, conversationId: string, userId: string, at = new Date()): Promise<void> {
  await db
    .insert(conversationReads)
    .values({ conversationId, userId, readAt: at })
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.userId],
      set: { readAt: sql`greatest(${conversationReads.readAt}, excluded.read_at)` },
    });
}

/**
 * The open thread reports that its newest message is on the reader's screen. Reading is the
 * thread's own write, not a side effect of rendering: a live refresh or a prefetch reads nothing.
 */
export async function markOpenConversationRead(
  db: Executor,
  subject: AccessSubject,
  conversationId: string,
): Promise<Result<null, "not_found">> {
  const found = await findAccessibleConversation(db, subject, conversationId);
  if (!found) return refuse("not_found");
  await markConversationRead(db, found.conversation.id, subject.userId);
  return ok(null);
}
