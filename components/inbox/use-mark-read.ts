"use client";

import { useEffect } from "react";
import { markConversationReadAction } from "@/app/(app)/messaging/actions";
import type { ThreadEntry } from "./thread-entries";

/**
 * The open thread marks its conversation read when it is shown and again whenever a newer
 * inbound message reaches it, so that rendering a page stays a read and a live refresh
 * writes only when there is something new to have read.
 */
export function useMarkRead(conversationId: string, entries: ThreadEntry[]) {
  const newestInbound = entries.findLast((entry) => entry.kind === "message" && entry.message.direction === "inbound")?.key ?? null;
  useEffect(() => {
    void markConversationReadAction({ conversationId });
  }, [conversationId, newestInbound]);
}
