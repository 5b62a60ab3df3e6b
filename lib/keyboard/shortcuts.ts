/**
 * The inbox's keyboard shortcuts (SPEC §13) and the one rule for when none may fire. Pure, so
 * the `?` overlay, the listener and the tests read the same list.
 */
export const SHORTCUTS = [
  { key: "j", command: "next" },
  { key: "k", command: "previous" },
  { key: "e", command: "toggleStatus" },
  { key: "a", command: "assignToMe" },
  { key: "r", command: "focusReply" },
  { key: "/", command: "focusSearch" },
  { key: "?", command: "showHelp" },
] as const;

export type ShortcutCommand = (typeof SHORTCUTS)[number]["command"];

/** What the listener needs to know about a keydown; a real KeyboardEvent fits. */
export type KeyPress = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
  keyCode?: number;
  defaultPrevented?: boolean;
  target: EventTarget | null;
};

/** The element being typed into: form fields that take text, and anything contenteditable. */
function isEditable(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return element.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"], [role="combobox"]') !== null;
}

/**
 * The command a key press runs, or null: never while typing in a field or composing with an
 * IME (keyCode 229 is how browsers report keys during composition), never with Ctrl, Cmd or
 * Alt (the browser's and the OS's own shortcuts), never for a key something else handled.
 */
export function shortcutFor(press: KeyPress): ShortcutCommand | null {
  if (press.defaultPrevented || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.isComposing || press.keyCode === 229 || press.key === "Process") return null;
  if (isEditable(press.target)) return null;
  return SHORTCUTS.find((shortcut) => shortcut.key === press.key)?.command ?? null;
}
