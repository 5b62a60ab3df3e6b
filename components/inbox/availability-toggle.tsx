"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { RefusalAlert } from "@/components/ui/refusal-alert";
import { useAvailability } from "./use-availability";

/**
 * Spec §4, §10: the user's own availability, named Available / Unavailable after its state,
 * with a green or an empty dot. In the header from 768px up; phones have it in the user menu.
 */
export function AvailabilityToggle({ isAvailable }: { isAvailable: boolean }) {
  const t = useTranslations("inbox.availability");
  const availability = useAvailability(isAvailable);
  const shown = availability.isAvailable;

  return (
    <div className="relative">
      <button
        type="button"
        aria-pressed={shown}
        title={shown ? t("availableHint") : t("unavailableHint")}
        onClick={availability.toggle}
        className={cn(
          "flex h-8 items-center gap-2 rounded-full border px-3 text-sm font-medium transition-colors",
          shown ? "border-green-200 bg-green-50 text-green-800 hover:bg-green-100" : "border-line bg-white text-muted hover:bg-canvas",
          availability.isPending && "cursor-wait",
        )}
      >
        <AvailabilityDot isAvailable={shown} />
        {shown ? t("available") : t("unavailable")}
      </button>
      {availability.refusal ? (
        <RefusalAlert
          refusal={availability.refusal}
          onDismiss={availability.dismissRefusal}
          className="absolute top-full right-0 z-40 mt-2 w-72 shadow-lg"
        />
      ) : null}
    </div>
  );
}

export function AvailabilityDot({ isAvailable }: { isAvailable: boolean }) {
  return <span aria-hidden="true" className={cn("h-2.5 w-2.5 shrink-0 rounded-full", isAvailable ? "bg-success" : "border-[1.5px] border-muted")} />;
}
