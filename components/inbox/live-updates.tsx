"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const REFRESH_DEBOUNCE_MS = 150;

export type LiveEvent = { type: string; conversationId?: string | null; title?: string; body?: string };

/**
 * Keeps the server-rendered inbox current: every event the stream sends re-renders the page's
 * server components in place (views, counts, list, open thread) without a reload. After a
 * dropped connection the browser reconnects by itself and one refresh catches up on what was
 * missed. `onEvent` lets a caller react too (the toast).
 */
function isOpen(conversationId: string): boolean {
  return window.location.pathname.split("/").includes(conversationId);
}

export function LiveUpdates({ onEvent }: { onEvent?: (event: LiveEvent) => void }) {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource("/api/events");
    let timer: ReturnType<typeof setTimeout> | undefined;
    let hasConnected = false;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), REFRESH_DEBOUNCE_MS);
    };
    const onMessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as LiveEvent;
      onEvent?.(event);
      if (event.type === "conversation.deleted" && event.conversationId && isOpen(event.conversationId)) {
        // Whoever has it open goes back to the list rather than onto a 404.
        router.replace(window.location.pathname.replace(`/${event.conversationId}`, "") + window.location.search);
        return;
      }
      if (event.type !== "notification.toast") refresh();
    };
    source.addEventListener("ready", () => {
      if (hasConnected) refresh();
      hasConnected = true;
      document.documentElement.dataset.live = "connected";
    });
    for (const type of [
      "conversation.created",
      "conversation.updated",
      "conversation.deleted",
      "message.created",
      "message.updated",
      "notification.toast",
      "workspace.user_updated",
    ]) {
      source.addEventListener(type, onMessage as EventListener);
    }
    // The server dropped events this tab could not keep up with: refetch the page instead.
    source.addEventListener("resync", refresh);
    // A newer tab of this user took this one's place (at most 10 streams a user): stop reconnecting.
    source.addEventListener("replaced", () => {
      source.close();
      document.documentElement.dataset.live = "replaced";
    });
    source.onerror = () => {
      document.documentElement.dataset.live = "reconnecting";
    };
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [router, onEvent]);
  return null;
}
