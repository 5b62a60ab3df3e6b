"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { PRESENCE_HEARTBEAT_MS, TYPING_REPEAT_MS, TYPING_TTL_MS, type PresenceState } from "@/lib/presence/timing";
import { useLiveEvents } from "../live-bus";
import { applyPresence, prunePresence, shownPresence, type PresenceMap, type ShownPresence } from "./presence-state";

function announce(conversationId: string, state: PresenceState, keepalive = false): void {
  fetch("/api/presence", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ conversationId, state }),
    keepalive,
  }).catch((error: unknown) => {
    // Presence is best effort: the next heartbeat says it again, so a lost one is only logged.
    console.warn("[presence] could not announce", error);
  });
}

/**
 * Tells teammates this tab has the conversation open (a heartbeat) and when its user types;
 * "left" when the conversation closes or the tab goes away. Returns what the reply box calls
 * on every change of its draft.
 */
export function usePresenceAnnouncer(conversationId: string): (draft: string) => void {
  const lastTypingAt = useRef(0);
  useEffect(() => {
    lastTypingAt.current = 0;
    announce(conversationId, "viewing");
    const heartbeat = setInterval(() => {
      const isTyping = Date.now() - lastTypingAt.current < TYPING_TTL_MS;
      announce(conversationId, isTyping ? "typing" : "viewing");
    }, PRESENCE_HEARTBEAT_MS);
    const leave = () => announce(conversationId, "left", true);
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(heartbeat);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [conversationId]);

  return useCallback(
    (draft: string) => {
      const now = Date.now();
      if (draft.trim() === "") {
        if (lastTypingAt.current !== 0) announce(conversationId, "viewing");
        lastTypingAt.current = 0;
        return;
      }
      // The heartbeat keeps saying "typing" in between, while the last keypress is recent.
      if (now - lastTypingAt.current < TYPING_REPEAT_MS) return;
      lastTypingAt.current = now;
      announce(conversationId, "typing");
    },
    [conversationId],
  );
}

const PRUNE_EVERY_MS = 1_000;

/** Who else has the conversation open or is typing in it, from the live channel (spec §13). */
export function useTeammatesPresence(conversationId: string, currentUserId: string): ShownPresence {
  const [present, setPresent] = useState<{ conversationId: string; map: PresenceMap }>({ conversationId, map: new Map() });
  const [now, setNow] = useState(() => Date.now());

  useLiveEvents((event) => {
    if (event.type !== "presence") return false;
    if (event.conversationId !== conversationId || event.userId === currentUserId || !event.userId || !event.state) return true;
    const { userId, name = "", state } = event;
    const at = Date.now();
    setPresent((current) => ({
      conversationId,
      map: applyPresence(current.conversationId === conversationId ? current.map : new Map(), { userId, name, state }, at),
    }));
    setNow(at);
    return true;
  });

  useEffect(() => {
    const timer = setInterval(() => {
      const at = Date.now();
      setPresent((current) => {
        const pruned = prunePresence(current.map, at);
        return pruned === current.map ? current : { ...current, map: pruned };
      });
      setNow(at);
    }, PRUNE_EVERY_MS);
    return () => clearInterval(timer);
  }, []);

  return useMemo(
    () => shownPresence(present.conversationId === conversationId ? present.map : new Map(), now),
    [present, conversationId, now],
  );
}
