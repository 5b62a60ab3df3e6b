import { cookies } from "next/headers";
import { ClientMessages } from "@/components/i18n/client-messages";
import { AvailabilityToggle } from "@/components/inbox/availability-toggle";
import { Toaster } from "@/components/notifications/toaster";
import { AppNav } from "@/components/shell/app-nav";
import { LAYOUT_COOKIES } from "@/components/shell/layout-preferences";
import { MAIN_CONTENT_ID } from "@/components/shell/main-content";
import { SkipLink } from "@/components/shell/skip-link";
import { SectionTitle, TabBar } from "@/components/shell/tab-bar";
import { UserMenu } from "@/components/shell/user-menu";
import { Logo } from "@/components/ui/logo";
import { getDb } from "@/db/index";
import { requireUser } from "@/lib/auth/actor";
import { hasAnyAppAccess } from "@/lib/inbox/no-access";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { renderTime } from "@/lib/realtime/bus";
import { getLocale } from "next-intl/server";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const db = await getDb();
  const actor = await requireUser(db);
  const locale = await getLocale();
  // Availability only decides who gets conversations: without an app it means nothing (issue 16).
  const showAvailability = await hasAnyAppAccess(await getDb(), actor);
  const isNavCollapsed = (await cookies()).get(LAYOUT_COOKIES.nav)?.value === "collapsed";
  const isAdmin = actor.role === "admin";
  return (
    <ClientMessages scope="shell">
      <SkipLink />
      <div className="flex h-dvh flex-col md:flex-row">
        <AppNav isAdmin={isAdmin} isInitiallyCollapsed={isNavCollapsed} />
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          {/* Phones: a slim bar (issue 16: everything above the list under 100px), availability in the user menu. */}
          <header className="flex h-11 shrink-0 items-center gap-3 border-b border-line bg-white px-3 md:h-12 md:justify-end md:px-4">
            <div className="flex min-w-0 flex-1 items-center gap-2 md:hidden">
              <Logo className="h-6 w-6 shrink-0" />
              <SectionTitle />
            </div>
            {showAvailability ? (
              <div className="hidden md:block">
                <AvailabilityToggle isAvailable={actor.isAvailable} />
              </div>
            ) : null}
            <UserMenu
              name={actor.name}
              email={actor.email}
              locale={isLocale(locale) ? locale : DEFAULT_LOCALE}
              isAvailable={showAvailability ? actor.isAvailable : null}
            />
          </header>
          <div id={MAIN_CONTENT_ID} tabIndex={-1} className="min-h-0 flex-1 outline-none">
            {children}
          </div>
          <TabBar isAdmin={isAdmin} />
          <Toaster renderedAt={renderTime()} />
        </div>
      </div>
    </ClientMessages>
  );
}
