"use client";

import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Provider } from "@/db/schema";
import { AppForm } from "./app-form";
import { SettingsDialog } from "./settings-dialog";
import type { WorkspaceUserOption } from "./types";

/**
 * The action revalidated the page, but the router may commit the new card a few frames after
 * the action's answer: wait for it (briefly), then take the admin to its webhook URL.
 */
function focusCardWhenShown(id: string, framesLeft = 120) {
  const card = document.getElementById(id);
  if (card) {
    card.scrollIntoView({ block: "nearest" });
    card.focus({ preventScroll: true });
  } else if (framesLeft > 0) {
    requestAnimationFrame(() => focusCardWhenShown(id, framesLeft - 1));
  }
}

/** "Add Messenger" / "Add WhatsApp": the install form in a dialog, then the new app's card in focus. */
export function AddAppButton({
  provider,
  users,
  installerId,
  variant = "primary",
}: {
  provider: Provider;
  users: WorkspaceUserOption[];
  installerId: string;
  variant?: "primary" | "secondary";
}) {
  const t = useTranslations("settings");
  const [open, setOpen] = useState(false);
  const cardToFocus = useRef<string | null>(null);
  // Runs on the dialog's close event, which comes after the browser has returned focus to this button.
  const close = useCallback(() => {
    setOpen(false);
    const id = cardToFocus.current;
    cardToFocus.current = null;
    if (id) focusCardWhenShown(id);
  }, []);
  const onInstalled = useCallback((appId: string) => {
    cardToFocus.current = `app-${appId}`;
    setOpen(false);
  }, []);

  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5">
          <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
        {t(`messaging.add.${provider}`)}
      </Button>
      <SettingsDialog open={open} onClose={close} title={t(`form.installTitle.${provider}`)} guardUnsaved>
        <AppForm mode={{ kind: "install", provider }} users={users} installerId={installerId} onDone={onInstalled} onCancel={close} />
      </SettingsDialog>
    </>
  );
}
