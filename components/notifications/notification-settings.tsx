"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { saveNotificationPreferencesAction } from "@/app/(app)/notifications/actions";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, type PreferenceMatrix } from "@/lib/notifications/events";
import { DesktopNotifications } from "./desktop-notifications";
import { EVENT_LABEL_KEYS, hasPreferenceChanges, withPreference } from "./preference-matrix";

export const HELP_PATH = "/help/notifications";

/**
 * The bell of spec §6 and its dialog: the 4 events × 2 channels, saved together with the green
 * Save, and the state of desktop notifications in this browser. `preferences` and
 * `knownEndpoints` come from the server (NotificationBell) and follow it after each refresh.
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
        className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-muted transition-colors hover:bg-black/5 hover:text-ink"
      >
        <BellIcon className="h-[18px] w-[18px]" />
      </button>
      <Dialog open={isOpen} onClose={() => setOpen(false)} title={t("settings")} description={t("description")} className="max-w-xl">
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

/** Mounted each time the dialog opens, so it starts from what is saved. */
function SettingsForm({
  saved,
  onSaved,
  vapidPublicKey,
  knownEndpoints,
  onClose,
}: {
  saved: PreferenceMatrix;
  onSaved: (matrix: PreferenceMatrix) => void;
  vapidPublicKey: string;
  knownEndpoints: string[];
  onClose: () => void;
}) {
  const t = useTranslations("notifications");
  const [draft, setDraft] = useState(saved);
  const [isSavedShown, setSavedShown] = useState(false);
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [isSaving, startSaving] = useTransition();
  const hasChanges = hasPreferenceChanges(draft, saved);

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    if (!hasChanges) return;
    setRefusal(null);
    startSaving(async () => {
      const result = await saveNotificationPreferencesAction(draft);
      if (result.ok) {
        onSaved(result.value);
        setSavedShown(true);
      } else {
        setRefusal(result);
      }
    });
  };

  return (
    <form onSubmit={save} className="flex flex-col gap-4">
      <div className="overflow-hidden rounded-lg border border-line">
        <table className="w-full text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-canvas text-xs text-muted">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                {t("notifyMeAbout")}
              </th>
              {NOTIFICATION_CHANNELS.map((channel) => (
                <th key={channel} scope="col" className="w-16 px-2 py-2 text-center font-medium sm:w-20">
                  {t(`channels.${channel}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {NOTIFICATION_EVENTS.map((event) => {
              const label = t(`events.${EVENT_LABEL_KEYS[event]}`);
              return (
                <tr key={event}>
                  <th scope="row" className="px-3 py-2.5 text-left font-normal">
                    {label}
                  </th>
                  {NOTIFICATION_CHANNELS.map((channel) => (
                    <td key={channel} className="p-0">
                      <label className="flex min-h-11 cursor-pointer items-center justify-center">
                        <input
                          type="checkbox"
                          aria-label={t("choice", { channel: t(`channels.${channel}`), event: label })}
                          checked={draft[event][channel]}
                          disabled={isSaving}
                          onChange={(change) => {
                            setDraft(withPreference(draft, event, channel, change.target.checked));
                            setSavedShown(false);
                          }}
                          className="h-4 w-4 cursor-pointer accent-brand-500"
                        />
                      </label>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <DesktopNotifications vapidPublicKey={vapidPublicKey} knownEndpoints={knownEndpoints} helpPath={HELP_PATH} />

      {refusal ? <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} /> : null}

      <div className="flex flex-wrap items-center gap-x-3 gap-y-3 border-t border-line pt-4">
        <Link href={HELP_PATH} className="basis-full text-sm text-brand-600 hover:underline sm:mr-auto sm:basis-auto">
          {t("helpLink")}
        </Link>
        <div className="ml-auto flex items-center gap-3">
          <p role="status" className="flex items-center gap-1 text-sm text-success">
            {isSavedShown && !hasChanges ? (
              <>
                <CheckIcon className="h-4 w-4" />
                {t("saved")}
              </>
            ) : null}
          </p>
          <Button variant="secondary" onClick={onClose}>
            {t("close")}
          </Button>
          <Button type="submit" variant="success" disabled={!hasChanges || isSaving} aria-busy={isSaving || undefined}>
            {t("save")}
          </Button>
        </div>
      </div>
    </form>
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

export function CheckIcon({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" fill="none" aria-hidden="true" className={className}>
      <path d="M3.5 8.5l3 3 6-7" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
