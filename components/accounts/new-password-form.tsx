"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { EMPTY_FORM, type FormState } from "@/lib/accounts/form-state";
import { AccountField, FormRefusal, SubmitButton } from "./form-parts";

/** /reset-password/{token} and /invite/{token}: a password (and for invitations a name) on a token. */
export function NewPasswordForm({
  action,
  token,
  withName,
  passwordLabel,
  submitLabel,
  pendingLabel,
}: {
  action: (previous: FormState, form: FormData) => Promise<FormState>;
  token: string;
  withName?: boolean;
  passwordLabel: string;
  submitLabel: string;
  pendingLabel: string;
}) {
  const t = useTranslations("accounts");
  const [state, formAction, pending] = useActionState(action, EMPTY_FORM);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {withName ? <AccountField state={state} name="name" label={t("fields.yourName")} autoComplete="name" required /> : null}
      <AccountField
        state={state}
        name="password"
        label={passwordLabel}
        type="password"
        autoComplete="new-password"
        hint={t("passwordHint")}
        required
      />
      <FormRefusal state={state} />
      <SubmitButton pending={pending} label={submitLabel} pendingLabel={pendingLabel} />
    </form>
  );
}
