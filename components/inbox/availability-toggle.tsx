"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { setAvailabilityAction } from "@/app/(app)/messaging/actions";
import { cn } from "@/components/ui/cn";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";

/**
 * Spec §4, §10: the user's own availability, named Available / Unavailable after its state,
 * with a green or an empty dot. It flips at once; the server's value takes over whenever it
 * changes (another tab, a refresh), and a refusal flips it back.
 */
export function AvailabilityToggle({ isAvailable }: { isAvailable: boolean }) {
  const t = useTranslations("inbox.availability");
  const [shown, setShown] = useState(isAvailable);
  const [fromServer, setFromServer] = useState(isAvailable);
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [isPending, startTransition] = useTransition();
  if (fromServer !== isAvailable) {
    setFromServer(isAvailable);
    setShown(isAvailable);
  }

  const toggle = () => {
    const next = !shown;
    setShown(next);
    setRefusal(null);
    startTransition(async () => {
      const result = await setAvailabilityAction({ isAvailable: next });
      if (!result.ok) {
        setShown(!next);
        setRefusal(result);
      }
    });
  };

  return (
    <div className="relative">
      <button
        type="button"
        aria-pressed={shown}
        title={shown ? t("availableHint") : t("unavailableHint")}
        onClick={toggle}
        className={cn(
          "flex h-8 items-center gap-2 rounded-full border px-3 text-sm font-medium transition-colors",
          shown ? "border-green-200 bg-green-50 text-green-800 hover:bg-green-100" : "border-line bg-white text-muted hover:bg-canvas",
          isPending && "cursor-wait",
        )}
      >
        <span aria-hidden="true" className={cn("h-2.5 w-2.5 rounded-full", shown ? "bg-success" : "border-[1.5px] border-muted")} />
        {shown ? t("available") : t("unavailable")}
      </button>
      {refusal ? (
        <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} className="absolute top-full right-0 z-40 mt-2 w-72 shadow-lg" />
      ) : null}
    </div>
  );
}
