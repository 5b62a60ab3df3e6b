"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { confirmEmailAction } from "@/app/confirm-email/actions";
import { buttonClasses } from "@/components/ui/button";
import { EMPTY_FORM } from "@/lib/accounts/form-state";
import { FormRefusal, SubmitButton } from "./form-parts";
import { HOME_PATH } from "@/lib/paths";

export function ConfirmEmailForm({ token }: { token: string }) {
  const t = useTranslations("accounts");
  const [state, formAction, pending] = useActionState(confirmEmailAction, EMPTY_FORM);
  if (state.done) {
    return (
      <div role="status" className="flex flex-col gap-3">
        <p className="font-medium">{t("confirmEmail.doneTitle")}</p>
        <p className="text-sm text-muted">{t("confirmEmail.doneBody", { email: state.values?.email ?? "" })}</p>
        <Link href={HOME_PATH} className={buttonClasses("secondary", "justify-center")}>
          {t("invite.toSignIn")}
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <FormRefusal state={state} />
      <SubmitButton pending={pending} label={t("confirmEmail.submit")} pendingLabel={t("confirmEmail.submit")} />
    </form>
  );
}
