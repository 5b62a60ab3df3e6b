"use client";

import { useEffect } from "react";
import { markConversationReadAction } from "@/app/(app)/messaging/actions";
import type { ThreadEntry } from "./thread-entries";

/**
 * The open thread marks its conversation read when it is shown and again whenever a newer
 * message reaches it, so that rendering a page stays a read and a live refresh writes only
 * when there is something new to have read. Any direction counts: an echo of a reply sent
 * outside Switchboard moves the conversation's last message too (lib/inbox/ingest-conversation.ts).
 */
export function useMarkRead(conversationId: string, entries: ThreadEntry[]) {
  const newestMessage = entries.findLast((entry) => entry.kind === "message")?.key ?? null;
  useEffect(() => {
    // Best effort: a failed mark leaves the row unread, which the next open or message retries.
    markConversationReadAction({ conversationId }).catch(() => {});
  }, [conversationId, newestMessage]);
}
