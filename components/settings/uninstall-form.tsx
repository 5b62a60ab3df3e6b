"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { uninstallAppAction } from "@/app/(app)/settings/integrations/messaging/actions";
import { Button } from "@/components/ui/button";
import { RefusalAlert } from "@/components/ui/refusal-alert";
import type { ActionResult } from "@/lib/result";

/** The confirmation inside the Uninstall dialog; on success the revalidated page drops the card. */
export function UninstallForm({ appId, onCancel }: { appId: string; onCancel: () => void }) {
  const t = useTranslations("settings");
  const tCommon = useTranslations("common");
  const [outcome, submit, pending] = useActionState<ActionResult<{ appId: string }> | null, FormData>(
    () => uninstallAppAction({ appId }),
    null,
  );
  return (
    <form action={submit} className="flex flex-col gap-3 text-sm">
      <p>{t("uninstall.body")}</p>
      <p className="text-muted">{t("uninstall.reinstall")}</p>
      {outcome && !outcome.ok ? <RefusalAlert refusal={outcome} /> : null}
      <div className="sticky bottom-0 -mx-5 flex justify-end gap-2 border-t border-line bg-white px-5 py-3">
        <Button variant="secondary" onClick={onCancel} autoFocus>
          {tCommon("cancel")}
        </Button>
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? t("uninstall.pending") : t("uninstall.confirm")}
        </Button>
      </div>
    </form>
  );
}
