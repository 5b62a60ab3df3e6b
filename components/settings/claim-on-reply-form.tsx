"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { saveClaimOnReplyAction } from "@/app/(app)/settings/integrations/messaging/actions";
import { Button } from "@/components/ui/button";
import { RefusalAlert } from "@/components/ui/refusal-alert";

type State = { saved: boolean; outcome: "saved" | { reason: string } | null };

/** The workspace's claim-on-reply rule (issue 16): a reply to an unassigned conversation assigns it to the replier. */
export function ClaimOnReplyForm({ enabled }: { enabled: boolean }) {
  const t = useTranslations("settings.messaging.claimOnReply");
  const [on, setOn] = useState(enabled);
  const [state, submit, pending] = useActionState<State, FormData>(
    async (previous, form) => {
      const wanted = form.get("enabled") === "on";
      const result = await saveClaimOnReplyAction({ enabled: wanted });
      return result.ok ? { saved: wanted, outcome: "saved" } : { ...previous, outcome: { reason: result.reason } };
    },
    { saved: enabled, outcome: null },
  );
  return (
    <form action={submit} aria-label={t("label")} className="flex flex-col gap-2 rounded-lg border border-line bg-white p-4">
      <p className="text-sm">{state.saved ? t("summaryOn") : t("summaryOff")}</p>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="enabled"
          checked={on}
          onChange={(event) => setOn(event.target.checked)}
          className="h-4 w-4 rounded border-line accent-brand-500"
        />
        {t("enable")}
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("save")}
        </Button>
        {state.outcome === "saved" && !pending ? (
          <p role="status" className="text-xs text-success">
            {t("saved")}
          </p>
        ) : null}
      </div>
      {state.outcome && state.outcome !== "saved" ? <RefusalAlert refusal={{ reason: state.outcome.reason }} /> : null}
    </form>
  );
}
