"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Popover } from "@/components/ui/popover";
import { NavIcon } from "./nav-icons";
import { isCurrent, MORE_ITEMS, TAB_ITEMS, visibleItems } from "./nav-items";

const TAB = "flex h-full flex-1 flex-col items-center justify-center gap-0.5 text-[11px] font-medium";

/**
 * The phone's navigation (issue 16), at the foot of the screen below 768px: Inbox, Deals,
 * Contacts and More, which holds Leads and (for admins) Settings.
 */
export function TabBar({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const more = visibleItems(MORE_ITEMS, isAdmin);
  const isMoreCurrent = more.some((item) => isCurrent(item, pathname));
  return (
    <nav aria-label={t("main")} className="shrink-0 border-t border-line bg-white pb-[env(safe-area-inset-bottom)] md:hidden">
      <ul className="flex h-14 items-stretch">
        {TAB_ITEMS.map((item) => {
          const active = isCurrent(item, pathname);
          return (
            <li key={item.label} className="flex flex-1">
              <Link href={item.href} aria-current={active ? "page" : undefined} className={cn(TAB, active ? "text-brand-600" : "text-muted")}>
                <NavIcon name={item.icon} />
                {t(item.label)}
              </Link>
            </li>
          );
        })}
        <li className="flex flex-1">
          <Popover
            className="flex flex-1"
            triggerClassName={cn(TAB, isMoreCurrent ? "text-brand-600" : "text-muted")}
            trigger={
              <>
                <NavIcon name="more" />
                {t("more")}
              </>
            }
            panelClassName="absolute right-2 bottom-full z-40 mb-2 w-52 rounded-lg border border-line bg-white p-1 shadow-lg"
          >
            <ul>
              {more.map((item) => {
                const active = isCurrent(item, pathname);
                return (
                  <li key={item.label}>
                    <Link
                      href={item.href}
                      aria-current={active ? "page" : undefined}
                      className={cn(
                        "flex items-center gap-3 rounded-md px-2.5 py-2 text-sm hover:bg-canvas",
                        active ? "font-medium text-brand-700" : "text-ink",
                      )}
                    >
                      <NavIcon name={item.icon} />
                      {t(item.label)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </Popover>
        </li>
      </ul>
    </nav>
  );
}

/** The phone header's title: the navigation's name for where the user is. */
export function SectionTitle() {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const item = [...TAB_ITEMS, ...MORE_ITEMS].find((candidate) => isCurrent(candidate, pathname));
  return item ? <span className="truncate text-base font-semibold">{t(item.label)}</span> : null;
}
