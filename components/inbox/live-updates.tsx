"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { dispatchLiveEvent, type LiveEvent } from "./live-bus";

export type { LiveEvent };

const REFRESH_DEBOUNCE_MS = 150;

/**
 * Keeps the screen current. Each event goes first to the live components on screen (the
 * inbox's list, counts and open thread fetch just what changed); an event none of them takes
 * re-renders the page's server components in place (CRM pages, the open conversation's header
 * after an assignment). After a dropped connection the browser reconnects by itself and one
 * full refresh catches up on what was missed. `onEvent` lets a caller react too (the toast).
 */
function isOpen(conversationId: string): boolean {
  return window.location.pathname.split("/").includes(conversationId);
}

export function LiveUpdates({ onEvent, renderedAt }: { onEvent?: (event: LiveEvent) => void; renderedAt: number }) {
  const router = useRouter();
  // The first render's time only: a refresh re-renders the layout, and the stream stays open.
  const [since] = useState(renderedAt);
  useEffect(() => {
    // What changed between the page's render and this connection is replayed, or the server says resync.
    const source = new EventSource(`/api/events?since=${since}`);
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
      // Presence changes nothing on the server: a page without its indicator has nothing to refetch.
      if (event.type === "presence") {
        dispatchLiveEvent(event);
        return;
      }
      if (event.type !== "notification.toast" && !dispatchLiveEvent(event)) refresh();
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
      "presence",
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
    // The session was revoked (signed out elsewhere, deactivated): no reconnecting; the next
    // action finds the session gone and leads to the sign-in page.
    source.addEventListener("session.revoked", () => {
      source.close();
      document.documentElement.dataset.live = "closed";
    });
    source.onerror = () => {
      document.documentElement.dataset.live = source.readyState === EventSource.CLOSED ? "closed" : "reconnecting";
    };
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [router, onEvent, since]);
  return null;
}
