"use client";

import { useState, useTransition } from "react";
import { setAvailabilityAction } from "@/app/(app)/messaging/actions";
import type { ShownRefusal } from "@/components/ui/refusal-alert";

/**
 * The user's own availability (spec §4) as the toggles show it: it flips at once, the server's
 * value takes over whenever it changes (another tab, a refresh), and a refusal flips it back.
 */
export function useAvailability(isAvailable: boolean) {
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

  return { isAvailable: shown, toggle, isPending, refusal, dismissRefusal: () => setRefusal(null) };
}
