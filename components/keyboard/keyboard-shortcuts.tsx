"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SHORTCUTS, shortcutFor } from "@/lib/keyboard/shortcuts";
import { listRows, openRowIndex, requestThreadFocus } from "@/components/inbox/list-rows";
import { runShortcutCommand, useShortcutCommand } from "./commands";

function moveInList(step: 1 | -1) {
  const rows = listRows();
  if (rows.length === 0) return;
  const current = openRowIndex(rows);
  const next = current === -1 ? (step === 1 ? 0 : rows.length - 1) : Math.min(Math.max(current + step, 0), rows.length - 1);
  if (next === current) return;
  // The row is shown in view and the opened thread takes focus (list-rows.ts), so the next key reads it.
  rows[next]!.scrollIntoView({ block: "nearest" });
  requestThreadFocus();
  rows[next]!.click();
}

function focusField(selector: string) {
  const field = document.querySelector<HTMLElement>(selector);
  if (!field) return;
  field.focus();
  if (field instanceof HTMLInputElement) field.select();
}

/**
 * SPEC §13's shortcuts on the inbox and search pages: one keydown listener, the rule of
 * lib/keyboard/shortcuts.ts deciding, and `?` opening the list of them.
 */
export function KeyboardShortcuts() {
  const t = useTranslations("keyboard");
  const [helpOpen, setHelpOpen] = useState(false);

  useShortcutCommand("next", () => moveInList(1));
  useShortcutCommand("previous", () => moveInList(-1));
  useShortcutCommand("focusReply", () => focusField("[data-reply-box]"));
  useShortcutCommand("focusSearch", () => focusField("[data-search-box]"));
  useShortcutCommand("showHelp", () => setHelpOpen(true));

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // A dialog (this one, a menu's, a confirmation) keeps the keys to itself.
      if (document.querySelector("dialog[open]")) return;
      const command = shortcutFor(event);
      if (command && runShortcutCommand(command)) event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <Dialog open={helpOpen} onClose={() => setHelpOpen(false)} title={t("title")} description={t("description")}>
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.key} className="contents">
            <dt>
              <kbd className="inline-flex min-w-7 justify-center rounded border border-line bg-canvas px-1.5 py-0.5 font-mono text-xs shadow-[inset_0_-1px_0] shadow-line">
                {shortcut.key}
              </kbd>
            </dt>
            <dd>{t(`commands.${shortcut.command}`)}</dd>
          </div>
        ))}
      </dl>
      <div className="flex justify-end pt-1">
        <Button variant="secondary" onClick={() => setHelpOpen(false)}>
          {t("close")}
        </Button>
      </div>
    </Dialog>
  );
}
