"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import {
  changeRoleAction,
  deactivateMemberAction,
  reactivateMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
} from "@/app/(app)/settings/team/actions";
import { SettingsDialog } from "@/components/settings/settings-dialog";
import { Button } from "@/components/ui/button";
import { Menu, MenuItem } from "@/components/ui/menu";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";

type Row = { kind: "user" | "invitation"; id: string; label: string; email: string; role: "admin" | "member"; status: "active" | "invited" | "deactivated" };
type Outcome = { ok: true } | { ok: false; reason: string; params?: Record<string, string | number> };

/** Per user: role and (de)activation; per invitation: Resend and Revoke (spec §12). */
export function TeamRowActions({ row, isSelf }: { row: Row; isSelf: boolean }) {
  const t = useTranslations("team");
  const tCommon = useTranslations("common");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const run = (action: () => Promise<Outcome>, success?: string) =>
    startTransition(async () => {
      setRefusal(null);
      setNotice(null);
      const result = await action();
      if (!result.ok) setRefusal({ reason: result.reason, params: result.params });
      else {
        if (success) setNotice(success);
        router.refresh();
      }
    });

  const feedback = (
    <>
      {refusal ? <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} className="mt-2 text-left" /> : null}
      {notice ? (
        <p role="status" className="mt-2 text-left text-xs text-emerald-800">
          {notice}
        </p>
      ) : null}
    </>
  );

  if (row.kind === "invitation") {
    return (
      <div className="flex flex-col items-end">
        <div className="flex flex-col items-end gap-1.5 sm:flex-row sm:justify-end sm:gap-2">
          <Button
            variant="secondary"
            className="px-2.5 py-1 text-xs"
            disabled={pending}
            aria-label={`${t("resend")} · ${row.email}`}
            onClick={() => run(() => resendInvitationAction({ invitationId: row.id }), t("resent", { email: row.email }))}
          >
            {t("resend")}
          </Button>
          <Button
            variant="secondary"
            className="px-2.5 py-1 text-xs"
            disabled={pending}
            aria-label={`${t("revoke")} · ${row.email}`}
            onClick={() => run(() => revokeInvitationAction({ invitationId: row.id }))}
          >
            {t("revoke")}
          </Button>
        </div>
        {feedback}
      </div>
    );
  }

  const nextRole = row.role === "admin" ? "member" : "admin";
  return (
    <div className="flex flex-col items-end">
      <Menu
        label={t("actionsFor", { name: row.label })}
        triggerClassName="rounded-md border border-line bg-white px-2 py-1 text-xs font-medium hover:bg-canvas disabled:opacity-50"
        trigger={<span aria-hidden="true">•••</span>}
      >
        {(close) => (
          <>
            <MenuItem
              disabled={pending || row.status !== "active"}
              onClick={() => {
                close();
                run(() => changeRoleAction({ userId: row.id, role: nextRole }));
              }}
            >
              {nextRole === "admin" ? t("makeAdmin") : t("makeMember")}
            </MenuItem>
            {row.status === "active" ? (
              <MenuItem
                disabled={pending}
                onClick={() => {
                  close();
                  // Your own row refuses with the reason rather than hiding the choice.
                  if (isSelf) run(() => deactivateMemberAction({ userId: row.id }));
                  else setConfirming(true);
                }}
              >
                {t("deactivate")}
              </MenuItem>
            ) : (
              <MenuItem
                disabled={pending}
                onClick={() => {
                  close();
                  run(() => reactivateMemberAction({ userId: row.id }));
                }}
              >
                {t("reactivate")}
              </MenuItem>
            )}
          </>
        )}
      </Menu>
      {feedback}
      <SettingsDialog open={confirming} onClose={() => setConfirming(false)} title={`${t("deactivate")} · ${row.label}`}>
        <p className="text-sm">{t("confirmDeactivate", { name: row.label })}</p>
        <div className="flex justify-end gap-2 py-4">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            {tCommon("cancel")}
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() => {
              setConfirming(false);
              run(() => deactivateMemberAction({ userId: row.id }));
            }}
          >
            {t("deactivate")}
          </Button>
        </div>
      </SettingsDialog>
    </div>
  );
}
