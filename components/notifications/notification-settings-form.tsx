"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { saveNotificationPreferencesAction } from "@/app/(app)/notifications/actions";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";
import { Button } from "@/components/ui/button";
import { useRequestClose, useUnsavedChanges } from "@/components/ui/dialog";
import { NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, type PreferenceMatrix } from "@/lib/notifications/events";
import { DesktopNotifications } from "./desktop-notifications";
import { EVENT_LABEL_KEYS, hasPreferenceChanges, withPreference } from "./preference-matrix";
import { HELP_NOTIFICATIONS_PATH } from "@/lib/paths";

export const HELP_PATH = HELP_NOTIFICATIONS_PATH;

/** Mounted each time the dialog opens, so it starts from what is saved. */
export function SettingsForm({
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
  // The dialog asks "Discard changes?" on Close or Escape while the matrix differs from what is saved.
  useUnsavedChanges(hasChanges);
  const close = useRequestClose(onClose);

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
          <Button variant="secondary" onClick={close}>
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

export function CheckIcon({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" fill="none" aria-hidden="true" className={className}>
      <path d="M3.5 8.5l3 3 6-7" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
