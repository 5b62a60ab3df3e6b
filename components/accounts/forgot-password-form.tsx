"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { forgotPasswordAction } from "@/app/forgot-password/actions";
import { EMPTY_FORM } from "@/lib/accounts/form-state";
import { AccountField, FormRefusal, SubmitButton } from "./form-parts";

export function ForgotPasswordForm() {
  const t = useTranslations("accounts");
  const [state, formAction, pending] = useActionState(forgotPasswordAction, EMPTY_FORM);
  if (state.done) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        {t("forgot.sent", { email: state.values?.email ?? "" })}
      </p>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <AccountField state={state} name="email" label={t("fields.email")} type="email" autoComplete="username" required />
      <FormRefusal state={state} />
      <SubmitButton pending={pending} label={t("forgot.submit")} pendingLabel={t("forgot.submitting")} />
    </form>
  );
}
