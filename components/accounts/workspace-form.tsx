"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { EMPTY_FORM, type FormState } from "@/lib/accounts/form-state";
import { AccountField, FormRefusal, SubmitButton } from "./form-parts";

/** /setup and /signup (spec §12): the same fields and button. */
export function WorkspaceForm({ action }: { action: (previous: FormState, form: FormData) => Promise<FormState> }) {
  const t = useTranslations("accounts");
  const [state, formAction, pending] = useActionState(action, EMPTY_FORM);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <AccountField state={state} name="companyName" label={t("fields.companyName")} autoComplete="organization" required />
      <AccountField state={state} name="name" label={t("fields.yourName")} autoComplete="name" required />
      <AccountField state={state} name="email" label={t("fields.email")} type="email" autoComplete="username" required />
      <AccountField
        state={state}
        name="password"
        label={t("fields.password")}
        type="password"
        autoComplete="new-password"
        hint={t("passwordHint")}
        required
      />
      <FormRefusal state={state} />
      <SubmitButton pending={pending} label={t("setup.submit")} pendingLabel={t("setup.submitting")} />
    </form>
  );
}
