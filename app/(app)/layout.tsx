import { ClientMessages } from "@/components/i18n/client-messages";
import { AvailabilityToggle } from "@/components/inbox/availability-toggle";
import { Toaster } from "@/components/notifications/toaster";
import { AppNav } from "@/components/shell/app-nav";
import { UserMenu } from "@/components/shell/user-menu";
import { getDb } from "@/db/index";
import { requireUser } from "@/lib/auth/actor";
import { hasAnyAppAccess } from "@/lib/inbox/no-access";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { renderTime } from "@/lib/realtime/bus";
import { getLocale } from "next-intl/server";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireUser();
  const locale = await getLocale();
  // Availability only decides who gets conversations: without an app it means nothing (issue 16).
  const showAvailability = await hasAnyAppAccess(await getDb(), actor);
  return (
    <ClientMessages scope="shell">
      <div className="flex h-dvh flex-col md:flex-row">
        <AppNav isAdmin={actor.role === "admin"} />
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          <header className="flex h-12 shrink-0 items-center justify-end gap-3 border-b border-line bg-white px-4">
            {showAvailability ? <AvailabilityToggle isAvailable={actor.isAvailable} /> : null}
            <UserMenu name={actor.name} email={actor.email} locale={isLocale(locale) ? locale : DEFAULT_LOCALE} />
          </header>
          <div className="min-h-0 flex-1">{children}</div>
          <Toaster renderedAt={renderTime()} />
        </div>
      </div>
    </ClientMessages>
  );
}
