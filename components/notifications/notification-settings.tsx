"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import type { PreferenceMatrix } from "@/lib/notifications/events";
import { hasPreferenceChanges } from "./preference-matrix";

// The form (and push subscription code) loads when the bell is first pointed at or opened:
// the inbox's first load carries only the bell (issue 13).
const loadForm = () => import("./notification-settings-form");
const SettingsForm = dynamic(() => loadForm().then((module) => module.SettingsForm), { ssr: false });

/**
 * The bell of spec §6 and its dialog: the 4 events × 2 channels, saved together with the green
 * Save, and the state of desktop notifications in this browser. `preferences` and
 * `knownEndpoints` come from the server (loadNotificationSettings) and follow it after each refresh.
 */
export function NotificationSettings({
  preferences,
  vapidPublicKey,
  knownEndpoints,
}: {
  preferences: PreferenceMatrix;
  vapidPublicKey: string;
  knownEndpoints: string[];
}) {
  const t = useTranslations("notifications");
  const [isOpen, setOpen] = useState(false);
  const [saved, setSaved] = useState(preferences);
  const [fromServer, setFromServer] = useState(preferences);
  // Live updates re-render the page with a new (equal) object each time; only a real change counts.
  if (hasPreferenceChanges(preferences, fromServer)) {
    setFromServer(preferences);
    setSaved(preferences);
  }

  return (
    <>
      <button
        type="button"
        aria-label={t("settings")}
        title={t("settings")}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        onPointerEnter={loadForm}
        onFocus={loadForm}
        className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-muted transition-colors hover:bg-black/5 hover:text-ink"
      >
        <BellIcon className="h-[18px] w-[18px]" />
      </button>
      <Dialog open={isOpen} onClose={() => setOpen(false)} title={t("settings")} description={t("description")} className="max-w-xl" guardUnsaved>
        <SettingsForm
          saved={saved}
          onSaved={setSaved}
          vapidPublicKey={vapidPublicKey}
          knownEndpoints={knownEndpoints}
          onClose={() => setOpen(false)}
        />
      </Dialog>
    </>
  );
}

function BellIcon({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="none" aria-hidden="true" className={className}>
      <path
        d="M10 2.75a5 5 0 0 0-5 5v2.6c0 .5-.17 1-.48 1.4L3.5 13.1c-.42.56-.02 1.35.68 1.35h11.64c.7 0 1.1-.8.68-1.35l-1.02-1.35a2.3 2.3 0 0 1-.48-1.4v-2.6a5 5 0 0 0-5-5Z"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
      <path d="M8 16.5a2 2 0 0 0 4 0" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
