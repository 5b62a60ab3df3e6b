"use client";

import { useEffect, useRef } from "react";
import type { ShortcutCommand } from "@/lib/keyboard/shortcuts";

/**
 * The actions shortcuts run, registered by the components that own them (the conversation
 * header registers close/reopen and "assign to me" with the same functions its buttons call),
 * so a shortcut is never a second copy of an action.
 */
const handlers = new Map<ShortcutCommand, { current: () => void }>();

export function useShortcutCommand(command: ShortcutCommand, handler: () => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    handlers.set(command, ref);
    return () => {
      if (handlers.get(command) === ref) handlers.delete(command);
    };
  }, [command]);
}

/** False when nothing on the page offers the command (no conversation open for `e`). */
export function runShortcutCommand(command: ShortcutCommand): boolean {
  const handler = handlers.get(command);
  if (!handler) return false;
  handler.current();
  return true;
}
