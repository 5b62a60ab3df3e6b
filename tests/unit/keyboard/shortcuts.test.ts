import { describe, expect, it } from "vitest";
import { SHORTCUTS, shortcutFor, type KeyPress } from "@/lib/keyboard/shortcuts";

/** A stand-in element: `closest` answers for the selector list the rule asks about. */
function element(tag: string, options: { contentEditable?: boolean; insideEditor?: boolean } = {}) {
  return {
    tagName: tag.toUpperCase(),
    isContentEditable: options.contentEditable ?? false,
    closest: (selector: string) => {
      const fields = ["input", "textarea", "select"];
      if (fields.includes(tag) && selector.includes(tag)) return {};
      if (options.insideEditor && selector.includes("[contenteditable]")) return {};
      return null;
    },
  } as unknown as EventTarget;
}

const press = (key: string, target: EventTarget | null = element("body"), extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...extra,
});

describe("shortcutFor", () => {
  it("maps every listed key to its command on the page itself", () => {
    for (const shortcut of SHORTCUTS) expect(shortcutFor(press(shortcut.key))).toBe(shortcut.command);
    expect(shortcutFor(press("x"))).toBeNull();
    expect(shortcutFor(press("J"))).toBeNull();
  });

  it("never fires while typing in an input, a textarea, a select or contenteditable", () => {
    for (const target of [element("input"), element("textarea"), element("select"), element("div", { contentEditable: true }), element("span", { insideEditor: true })]) {
      for (const shortcut of SHORTCUTS) expect(shortcutFor(press(shortcut.key, target))).toBeNull();
    }
  });

  it("never fires during IME composition, with a modifier, or for a key already handled", () => {
    expect(shortcutFor(press("j", undefined, { isComposing: true }))).toBeNull();
    expect(shortcutFor(press("j", undefined, { keyCode: 229 }))).toBeNull();
    expect(shortcutFor(press("Process"))).toBeNull();
    expect(shortcutFor(press("e", undefined, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press("a", undefined, { metaKey: true }))).toBeNull();
    expect(shortcutFor(press("r", undefined, { altKey: true }))).toBeNull();
    expect(shortcutFor(press("/", undefined, { defaultPrevented: true }))).toBeNull();
    expect(shortcutFor(press("?", null))).toBe("showHelp");
  });
});
