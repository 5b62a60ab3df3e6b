"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { SETTINGS_PATHS } from "@/lib/paths";

/** Settings' own navigation: Messaging and Team for admins, Canned responses and Account for everyone. */
export function SettingsNav({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const links = [
    ...(isAdmin
      ? [
          { href: SETTINGS_PATHS.messagingApps, match: SETTINGS_PATHS.integrations, label: t("messaging") },
          { href: SETTINGS_PATHS.team, match: SETTINGS_PATHS.team, label: t("team") },
        ]
      : []),
    { href: SETTINGS_PATHS.cannedResponses, match: SETTINGS_PATHS.cannedResponses, label: t("cannedResponses") },
    { href: SETTINGS_PATHS.account, match: SETTINGS_PATHS.account, label: t("account") },
  ];
  return (
    <nav aria-label={t("settings")} className="shrink-0 border-b border-line bg-white px-4 md:px-8">
      <ul className="mx-auto flex max-w-5xl gap-1 overflow-x-auto">
        {links.map((link) => {
          const active = pathname === link.match || pathname.startsWith(`${link.match}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "-mb-px block whitespace-nowrap border-b-2 px-3 py-2.5 text-sm",
                  active ? "border-brand-500 font-medium text-ink" : "border-transparent text-muted hover:text-ink",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
