"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { resendMessageAction } from "@/app/(app)/messaging/actions";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";

/** "Send again" under a failed reply: the same message goes back to pending (spec §8). */
export function ResendButton({ conversationId, messageId }: { conversationId: string; messageId: string }) {
  const t = useTranslations("conversation");
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        disabled={isPending}
        aria-busy={isPending || undefined}
        onClick={() =>
          startTransition(async () => {
            const result = await resendMessageAction({ conversationId, messageId });
            setRefusal(result.ok ? null : result);
          })
        }
        className="rounded font-medium text-brand-600 underline-offset-2 hover:underline disabled:cursor-wait disabled:opacity-60"
      >
        {t("sendAgain")}
      </button>
      {refusal ? <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} className="w-full py-1 text-xs" /> : null}
    </>
  );
}
