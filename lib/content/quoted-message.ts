import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messages } from "@/db/schema";

export type QuotedMessage = Pick<typeof messages.$inferSelect, "id" | "direction" | "text" | "kind" | "payload">;

/**
 * Gives each reply the message it quotes (SPEC §14), when that message is stored in the same
 * conversation: one query by provider id for the whole page.
 */
export async function withQuotedMessages<M extends { replyToProviderMessageId: string | null }>(
  db: Executor,
  conversationId: string,
  page: M[],
): Promise<(M & { quoted: QuotedMessage | null })[]> {
  const ids = [...new Set(page.map((message) => message.replyToProviderMessageId).filter((id) => id !== null))];
  const found = new Map<string, QuotedMessage>();
  if (ids.length > 0) {
    const rows = await db
      .select({ id: messages.id, providerMessageId: messages.providerMessageId, direction: messages.direction, text: messages.text, kind: messages.kind, payload: messages.payload })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), inArray(messages.providerMessageId, ids)));
    for (const { providerMessageId, ...row } of rows) if (providerMessageId) found.set(providerMessageId, row);
  }
  return page.map((message) => ({ ...message, quoted: message.replyToProviderMessageId ? (found.get(message.replyToProviderMessageId) ?? null) : null }));
}
