"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { setLanguageAction, signOutAction } from "@/app/(app)/actions";
import { Avatar } from "@/components/ui/avatar";
import { Menu, MenuItem } from "@/components/ui/menu";
import { LOCALES, type Locale } from "@/lib/i18n/locales";

export function UserMenu({ name, email, locale }: { name: string; email: string; locale: Locale }) {
  const t = useTranslations("userMenu");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Menu
      label={t("open")}
      triggerClassName="flex items-center gap-2 rounded-md px-2 py-1 hover:bg-black/5"
      trigger={
        <>
          <Avatar name={name} size="sm" />
          <span className="hidden text-sm font-medium sm:inline">{name}</span>
        </>
      }
    >
      {(close) => (
        <>
          <p className="px-2.5 py-1.5 text-xs text-muted">{t("signedInAs", { email })}</p>
          <MenuItem onClick={() => (close(), router.push("/settings/account"))}>{t("account")}</MenuItem>
          <div role="group" aria-label={t("language")} className="border-t border-line pt-1">
            <p className="px-2.5 py-1 text-xs font-semibold uppercase tracking-wide text-muted">{t("language")}</p>
            {LOCALES.map((option: Locale) => (
              <MenuItem
                key={option}
                role="menuitemradio"
                aria-checked={option === locale}
                disabled={pending}
                onClick={() =>
                  startTransition(async () => {
                    await setLanguageAction({ locale: option });
                    close();
                    router.refresh();
                  })
                }
              >
                <span className="w-4 text-brand-500">{option === locale ? "✓" : ""}</span>
                {t(`languages.${option}`)}
              </MenuItem>
            ))}
          </div>
          <div className="mt-1 border-t border-line pt-1">
            <form action={signOutAction}>
              <MenuItem type="submit">{t("signOut")}</MenuItem>
            </form>
          </div>
        </>
      )}
    </Menu>
  );
}
