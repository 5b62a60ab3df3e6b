"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { saveAutoAssignAction } from "@/app/(app)/settings/integrations/messaging/actions";
import { Button } from "@/components/ui/button";
import { RefusalAlert } from "@/components/ui/refusal-alert";
import { TextField } from "@/components/ui/text-field";

type Saved = { enabled: boolean; limit: number | null };
type State = { saved: Saved; outcome: "saved" | { reason: string; limitInvalid: boolean } | null; limitText: string };

/** Reads the limit field: empty is "no limit"; anything else must be a whole number (checked on the server too). */
function limitFrom(text: string): number | null | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^\d{1,7}$/.test(trimmed) ? Number(trimmed) : "invalid";
}

/** An app's auto-assignment (SPEC §13): on/off and the optional per-person limit, saved on their own. */
export function AutoAssignForm({ appId, appName, enabled, limit }: { appId: string; appName: string; enabled: boolean; limit: number | null }) {
  const t = useTranslations("autoAssign.settings");
  const [on, setOn] = useState(enabled);
  const [state, submit, pending] = useActionState<State, FormData>(
    async (previous, form) => {
      const limitText = String(form.get("limit") ?? "");
      const parsed = limitFrom(limitText);
      const wanted = form.get("enabled") === "on";
      if (parsed === "invalid") return { ...previous, limitText, outcome: { reason: "invalid_input", limitInvalid: true } };
      const result = await saveAutoAssignAction({ appId, enabled: wanted, limit: parsed });
      if (result.ok) return { saved: { enabled: wanted, limit: parsed }, limitText, outcome: "saved" };
      return { ...previous, limitText, outcome: { reason: result.reason, limitInvalid: Boolean(result.fieldErrors?.limit) } };
    },
    { saved: { enabled, limit }, outcome: null, limitText: limit === null ? "" : String(limit) },
  );
  const refused = state.outcome && state.outcome !== "saved" ? state.outcome : null;

  return (
    <form action={submit} aria-label={t("formLabel", { app: appName })} className="flex flex-col gap-2">
      <p className="text-sm">
        {state.saved.enabled
          ? state.saved.limit === null
            ? t("summaryOn")
            : t("summaryOnWithLimit", { limit: state.saved.limit })
          : t("summaryOff")}
      </p>
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
      <div className="max-w-sm">
        <TextField
          label={t("limit")}
          name="limit"
          inputMode="numeric"
          defaultValue={state.limitText}
          key={state.limitText}
          hint={t("limitHint")}
          error={refused?.limitInvalid ? t("limitInvalid") : null}
        />
      </div>
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
      {refused && !refused.limitInvalid ? <RefusalAlert refusal={{ reason: refused.reason }} /> : null}
    </form>
  );
}
