"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useId, useState, useTransition } from "react";
import { invitePeopleAction } from "@/app/(app)/settings/team/actions";
import { CopyField } from "@/components/settings/copy-field";
import { SettingsDialog } from "@/components/settings/settings-dialog";
import { Button } from "@/components/ui/button";
import { firstErrorByField } from "@/components/ui/field-errors";
import { RefusalAlert, type ShownRefusal } from "@/components/ui/refusal-alert";

type Sent = { id: string; email: string; link: string };

/** Invite people (spec §12): one or several emails, a role, Send invitation; then the links to copy. */
export function InviteButton() {
  const t = useTranslations("team");
  const [open, setOpen] = useState(false);
  const [session, setSession] = useState(0);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <Button
        onClick={() => {
          setSession((n) => n + 1);
          setOpen(true);
        }}
      >
        {t("invite")}
      </Button>
      <SettingsDialog open={open} onClose={close} title={t("dialog.title")} guardUnsaved>
        <InviteForm key={session} onDone={close} />
      </SettingsDialog>
    </>
  );
}

function InviteForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("team");
  const tErrors = useTranslations("accounts.errors");
  const router = useRouter();
  const emailsId = useId();
  const [emails, setEmails] = useState("");
  const [role, setRole] = useState<"admin" | "member">("member");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [sent, setSent] = useState<Sent[] | null>(null);
  const [pending, startTransition] = useTransition();

  if (sent) {
    return (
      <div className="flex flex-col gap-3 pb-4">
        <p role="status" className="font-medium">
          {t("dialog.sentTitle")}
        </p>
        <p className="text-sm text-muted">{t("dialog.sentBody")}</p>
        {sent.map((invitation) => (
          <CopyField
            key={invitation.id}
            label={t("dialog.linkFor", { email: invitation.email })}
            copyLabel={t("dialog.copy", { email: invitation.email })}
            value={invitation.link}
          />
        ))}
        <div className="flex justify-end">
          <Button onClick={onDone}>{t("dialog.done")}</Button>
        </div>
      </div>
    );
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      setRefusal(null);
      setErrors({});
      const result = await invitePeopleAction({ emails, role });
      if (result.ok) {
        setSent(result.value);
        router.refresh();
      } else if (result.reason === "invalid_input") setErrors(firstErrorByField(result.fieldErrors));
      else setRefusal({ reason: result.reason, params: result.params });
    });
  };

  const emailsError = errors.emails ? (tErrors.has(errors.emails) ? tErrors(errors.emails) : errors.emails) : null;
  return (
    <form onSubmit={submit} className="flex flex-col gap-4 pb-4" noValidate>
      <div className="flex flex-col gap-1">
        <label htmlFor={emailsId} className="text-sm font-medium">
          {t("dialog.emails")}
        </label>
        <textarea
          id={emailsId}
          name="emails"
          rows={3}
          value={emails}
          onChange={(event) => setEmails(event.target.value)}
          aria-invalid={emailsError ? true : undefined}
          aria-describedby={`${emailsId}-hint`}
          className="rounded-md border border-line bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-danger"
        />
        <p id={`${emailsId}-hint`} className={emailsError ? "text-xs text-danger" : "text-xs text-muted"}>
          {emailsError ?? t("dialog.emailsHint")}
        </p>
      </div>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-sm font-medium">{t("dialog.role")}</legend>
        {(["member", "admin"] as const).map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm">
            <input type="radio" name="role" value={option} checked={role === option} onChange={() => setRole(option)} />
            {t(`roles.${option}`)}
          </label>
        ))}
      </fieldset>
      {refusal ? <RefusalAlert refusal={refusal} onDismiss={() => setRefusal(null)} /> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? t("dialog.submitting") : t("dialog.submit")}
        </Button>
      </div>
    </form>
  );
}
