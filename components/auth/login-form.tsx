"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { loginAction, type LoginState } from "@/app/login/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { FORGOT_PASSWORD_PATH } from "@/lib/paths";

/** Email and password; with `magicLink` (Resend configured) a second button emails a sign-in link instead. */
export function LoginForm({ callbackUrl, magicLink = false }: { callbackUrl: string; magicLink?: boolean }) {
  const t = useTranslations("login");
  const tAccounts = useTranslations("accounts");
  const [state, formAction, pending] = useActionState<LoginState, FormData>(loginAction, { error: null, email: "" });
  if (state.linkSent) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        {tAccounts("magic.sent", { email: state.email })}
      </p>
    );
  }
  const error =
    state.error === "rate_limited"
      ? t("rateLimited")
      : state.error === "email_invalid"
        ? tAccounts("errors.email_invalid")
        : state.error
          ? t("invalid")
          : null;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField label={t("email")} name="email" type="email" autoComplete="username" defaultValue={state.email} required />
      <div className="flex flex-col gap-1">
        <TextField label={t("password")} name="password" type="password" autoComplete="current-password" />
        <Link href={FORGOT_PASSWORD_PATH} className="self-end text-xs text-brand-600 hover:underline">
          {tAccounts("forgot.link")}
        </Link>
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-danger">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full justify-center">
        {pending ? t("submitting") : t("submit")}
      </Button>
      {magicLink ? (
        <>
          <p className="flex items-center gap-3 text-xs uppercase tracking-wide text-muted before:h-px before:flex-1 before:bg-line after:h-px after:flex-1 after:bg-line">
            {tAccounts("magic.or")}
          </p>
          <Button type="submit" name="intent" value="magic-link" variant="secondary" disabled={pending} className="w-full justify-center">
            {tAccounts("magic.request")}
          </Button>
        </>
      ) : null}
    </form>
  );
}
