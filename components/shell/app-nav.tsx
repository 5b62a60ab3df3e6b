"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Logo } from "@/components/ui/logo";

function NavLink({ href, match, nested, children }: { href: string; match: string; nested?: boolean; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = pathname === match || pathname.startsWith(`${match}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "block whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm",
        nested && "md:ml-3",
        active ? "bg-white/15 font-medium text-white" : "text-slate-300 hover:bg-white/10 hover:text-white",
      )}
    >
      {children}
    </Link>
  );
}

/** The left navigation of spec §1; Settings only for admins. */
export function AppNav({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations("nav");
  return (
    <nav
      aria-label={t("main")}
      className="flex w-full shrink-0 flex-row items-center gap-1 overflow-x-auto bg-slate-900 px-2 py-2 md:h-full md:w-48 md:flex-col md:items-stretch md:px-3 md:py-4"
    >
      <Link href="/messaging/unassigned" className="mr-1 flex items-center gap-2 px-1 md:mb-5 md:mr-0">
        <Logo className="h-7 w-7" />
        <span className="hidden font-semibold text-white md:inline">Switchboard</span>
      </Link>
      {/* spec §1: Leads holds Messaging, the inbox. */}
      <NavLink href="/leads" match="/leads">
        {t("leads")}
      </NavLink>
      <NavLink href="/messaging/unassigned" match="/messaging" nested>
        {t("messaging")}
      </NavLink>
      <NavLink href="/deals" match="/deals">
        {t("deals")}
      </NavLink>
      <NavLink href="/persons" match="/persons">
        {t("contacts")}
      </NavLink>
      {isAdmin ? (
        <div className="md:mt-auto">
          <NavLink href="/settings/integrations/messaging" match="/settings">
            {t("settings")}
          </NavLink>
        </div>
      ) : null}
    </nav>
  );
}
