"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Logo } from "@/components/ui/logo";
import { LAYOUT_COOKIES, rememberLayoutChoice } from "./layout-preferences";
import { NavIcon } from "./nav-icons";
import { isCurrent, RAIL_FOOT_ITEMS, RAIL_ITEMS, visibleItems, type NavItem } from "./nav-items";
import { HOME_PATH } from "@/lib/paths";

function RailLink({ item, isCollapsed }: { item: NavItem; isCollapsed: boolean }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const active = isCurrent(item, pathname);
  const label = t(item.label);
  return (
    <Link
      href={item.href}
      aria-current={active ? "page" : undefined}
      // Collapsed, the label stays in the link for its accessible name; the title shows it on hover.
      title={isCollapsed ? label : undefined}
      className={cn(
        "flex h-9 items-center gap-3 whitespace-nowrap rounded-md text-sm",
        isCollapsed ? "justify-center px-0" : "px-2.5",
        item.isNested && !isCollapsed && "ml-3",
        active ? "bg-white/15 font-medium text-white" : "text-slate-300 hover:bg-white/10 hover:text-white",
      )}
    >
      <NavIcon name={item.icon} />
      <span className={isCollapsed ? "sr-only" : "truncate"}>{label}</span>
    </Link>
  );
}

/**
 * The left navigation of spec §1 from 768px up, as a rail the user can collapse to icons
 * (issue 16: the thread gets the room); the choice is remembered. Phones get the tab bar.
 */
export function AppNav({ isAdmin, isInitiallyCollapsed }: { isAdmin: boolean; isInitiallyCollapsed: boolean }) {
  const t = useTranslations("nav");
  const [isCollapsed, setCollapsed] = useState(isInitiallyCollapsed);
  const listId = useId();
  const toggle = () => {
    setCollapsed(!isCollapsed);
    rememberLayoutChoice(LAYOUT_COOKIES.nav, isCollapsed ? null : "collapsed");
  };
  const toggleLabel = isCollapsed ? t("expand") : t("collapse");
  return (
    <nav aria-label={t("main")} className={cn("hidden h-full shrink-0 flex-col bg-slate-900 py-4 md:flex", isCollapsed ? "w-14 px-2" : "w-44 px-3")}>
      <Link href={HOME_PATH} className={cn("mb-5 flex items-center gap-2", isCollapsed ? "justify-center" : "px-1")}>
        <Logo className="h-7 w-7 shrink-0" />
        <span className={isCollapsed ? "sr-only" : "font-semibold text-white"}>Switchboard</span>
      </Link>
      <div id={listId} className="flex min-h-0 flex-1 flex-col gap-1">
        {RAIL_ITEMS.map((item) => (
          <RailLink key={item.label} item={item} isCollapsed={isCollapsed} />
        ))}
        <div className="mt-auto flex flex-col gap-1">
          {visibleItems(RAIL_FOOT_ITEMS, isAdmin).map((item) => (
            <RailLink key={item.label} item={item} isCollapsed={isCollapsed} />
          ))}
        </div>
      </div>
      <button
        type="button"
        onClick={toggle}
        aria-expanded={!isCollapsed}
        aria-controls={listId}
        title={isCollapsed ? toggleLabel : undefined}
        className={cn(
          "mt-2 flex h-9 items-center gap-3 rounded-md text-xs text-slate-400 hover:bg-white/10 hover:text-white",
          isCollapsed ? "justify-center" : "px-2.5",
        )}
      >
        <NavIcon name={isCollapsed ? "expand" : "collapse"} />
        <span className={isCollapsed ? "sr-only" : "truncate"}>{toggleLabel}</span>
      </button>
    </nav>
  );
}
