"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import {
  changePasswordAction,
  requestEmailChangeAction,
  setAccountLanguageAction,
  signOutEverywhereAction,
  updateNameAction,
} from "@/app/(app)/settings/account/actions";
import { Button } from "@/components/ui/button";
import { EMPTY_FORM, type FormState } from "@/lib/accounts/form-state";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { AccountField, FormRefusal, SubmitButton } from "./form-parts";

type Action = (previous: FormState, form: FormData) => Promise<FormState>;

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="grid gap-4 border-b border-line py-6 last:border-b-0 md:grid-cols-[14rem_minmax(0,1fr)]">
      <div>
        <h2 id={id} className="text-sm font-semibold">
          {title}
        </h2>
        {hint ? <p className="mt-1 text-xs text-muted">{hint}</p> : null}
      </div>
      <div className="max-w-md">{children}</div>
    </section>
  );
}

function useForm(action: Action) {
  return useActionState(action, EMPTY_FORM);
}

function Done({ state, text }: { state: FormState; text: string }) {
  return state.done ? (
    <p role="status" className="text-sm text-emerald-800">
      {text}
    </p>
  ) : null;
}

/** /settings/account (spec §12): name, email, password, language, sessions. */
export function AccountPage({ name, email, locale }: { name: string; email: string; locale: Locale }) {
  const t = useTranslations("accounts");
  const tMenu = useTranslations("userMenu");
  const [nameState, nameAction, namePending] = useForm(updateNameAction);
  const [emailState, emailAction, emailPending] = useForm(requestEmailChangeAction);
  const [passwordState, passwordAction, passwordPending] = useForm(changePasswordAction);
  const [languageState, languageAction, languagePending] = useForm(setAccountLanguageAction);
  const languageId = useId();
  const inline = "self-start";

  return (
    <main className="h-full overflow-y-auto">
      <div className="mx-auto max-w-5xl px-4 py-5 md:px-8 md:py-7">
        <h1 className="text-xl font-semibold">{t("account.title")}</h1>
        <p className="mt-1 text-sm text-muted">{t("account.description")}</p>

        <Section title={t("account.profile")}>
          <form action={nameAction} className="flex flex-col gap-3" noValidate>
            <AccountField state={{ ...nameState, values: nameState.values ?? { name } }} name="name" label={t("fields.name")} autoComplete="name" />
            <FormRefusal state={nameState} />
            <Done state={nameState} text={t("account.nameSaved")} />
            <SubmitButton pending={namePending} label={t("account.saveName")} pendingLabel={t("account.saveName")} variant="secondary" className={inline} />
          </form>
        </Section>

        <Section title={t("account.emailSection")} hint={t("account.emailHint")}>
          <form action={emailAction} className="flex flex-col gap-3" noValidate>
            <AccountField
              state={{ ...emailState, values: emailState.values ?? { email } }}
              name="email"
              label={t("fields.email")}
              type="email"
              autoComplete="email"
            />
            <FormRefusal state={emailState} />
            <Done state={emailState} text={t("account.emailSent", { email: emailState.message?.email ?? "" })} />
            <SubmitButton pending={emailPending} label={t("account.changeEmail")} pendingLabel={t("account.changeEmail")} variant="secondary" className={inline} />
          </form>
        </Section>

        <Section title={t("account.passwordSection")} hint={t("passwordHint")}>
          <form action={passwordAction} className="flex flex-col gap-3" noValidate key={passwordState.done ? "done" : "form"}>
            <AccountField state={passwordState} name="currentPassword" label={t("fields.currentPassword")} type="password" autoComplete="current-password" />
            <AccountField state={passwordState} name="newPassword" label={t("fields.newPassword")} type="password" autoComplete="new-password" />
            <FormRefusal state={passwordState} />
            <Done state={passwordState} text={t("account.passwordChanged")} />
            <SubmitButton pending={passwordPending} label={t("account.changePassword")} pendingLabel={t("account.changePassword")} variant="secondary" className={inline} />
          </form>
        </Section>

        <Section title={t("account.languageSection")}>
          <form action={languageAction} className="flex flex-col gap-3">
            <div className="flex flex-col gap-1">
              <label htmlFor={languageId} className="text-sm font-medium">
                {t("account.language")}
              </label>
              <select
                id={languageId}
                name="locale"
                defaultValue={locale}
                className="rounded-md border border-line bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
              >
                {LOCALES.map((option) => (
                  <option key={option} value={option}>
                    {tMenu(`languages.${option}`)}
                  </option>
                ))}
              </select>
            </div>
            <FormRefusal state={languageState} />
            <Done state={languageState} text={t("account.languageSaved")} />
            <SubmitButton pending={languagePending} label={t("account.saveLanguage")} pendingLabel={t("account.saveLanguage")} variant="secondary" className={inline} />
          </form>
        </Section>

        <Section title={t("account.sessionsSection")} hint={t("account.sessionsHint")}>
          <form action={signOutEverywhereAction}>
            <Button type="submit" variant="danger">
              {t("account.signOutAll")}
            </Button>
          </form>
        </Section>
      </div>
    </main>
  );
}
