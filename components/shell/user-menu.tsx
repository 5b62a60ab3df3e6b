"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { setLanguageAction, signOutAction } from "@/app/(app)/actions";
import { AvailabilityDot } from "@/components/inbox/availability-toggle";
import { useAvailability } from "@/components/inbox/use-availability";
import { Avatar } from "@/components/ui/avatar";
import { Menu, MenuItem } from "@/components/ui/menu";
import { RefusalAlert } from "@/components/ui/refusal-alert";
import { MEDIA, useMediaQuery } from "@/components/ui/use-media-query";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { SETTINGS_PATHS } from "@/lib/paths";

/**
 * The user menu at the top right (spec §10): account, language, sign-out, and on phones the
 * availability toggle too (issue 16), still named Available / Unavailable after its state.
 * `isAvailable` is null where availability means nothing (no app access).
 */
export function UserMenu({ name, email, locale, isAvailable }: { name: string; email: string; locale: Locale; isAvailable: boolean | null }) {
  const t = useTranslations("userMenu");
  const tAvailability = useTranslations("inbox.availability");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const isPhone = useMediaQuery(MEDIA.phone);
  const availability = useAvailability(isAvailable ?? false);
  return (
    <div className="relative">
      <Menu
        label={t("open")}
        // Named by what it shows, then "User menu" (WCAG 2.5.3: the visible name is part of the accessible one).
        isNamedByTrigger
        triggerClassName="flex items-center gap-2 rounded-md px-2 py-1 hover:bg-black/5"
        trigger={
          <>
            <Avatar name={name} size="sm" />
            <span className="hidden text-sm font-medium sm:inline">{name}</span>
            <span className="sr-only">{t("open")}</span>
          </>
        }
      >
        {(close) => (
          <>
            <p className="px-2.5 py-1.5 text-xs text-muted">{t("signedInAs", { email })}</p>
            {isPhone && isAvailable !== null ? (
              <MenuItem role="menuitemcheckbox" aria-checked={availability.isAvailable} onClick={availability.toggle} className="mb-1">
                <AvailabilityDot isAvailable={availability.isAvailable} />
                {availability.isAvailable ? tAvailability("available") : tAvailability("unavailable")}
              </MenuItem>
            ) : null}
            <MenuItem onClick={() => (close(), router.push(SETTINGS_PATHS.account))}>{t("account")}</MenuItem>
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
      {availability.refusal ? (
        <RefusalAlert
          refusal={availability.refusal}
          onDismiss={availability.dismissRefusal}
          className="absolute top-full right-0 z-40 mt-2 w-72 shadow-lg"
        />
      ) : null}
    </div>
  );
}
