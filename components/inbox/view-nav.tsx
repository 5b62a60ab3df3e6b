import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { MessagingApp } from "@/db/schema";
import { cn } from "@/components/ui/cn";
import { Popover } from "@/components/ui/popover";
import type { ViewCounts } from "@/lib/inbox/count-format";
import { CountsUpdater, LiveCount } from "./live-counts";
import { VIEWS, type View } from "@/lib/views";
import { inboxHref } from "@/lib/paths";
import { ProviderIcon } from "./provider-icon";

function Chevron() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5 shrink-0 text-muted">
      <path d="M4.5 6.5L8 10l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * The views of spec §10 (links named after the view, each followed by its count) and the app
 * filter. Issue 16: from 1024px a vertical list, so no language wraps it into rows; below, one
 * button naming the current view opens the same list, keeping a phone's header short. The app
 * filter is a compact button opening the apps' links at every width.
 */
export async function ViewNav({
  view,
  counts,
  apps,
  appId,
}: {
  /** Null on the search page, where no view is current and the app filter does not apply. */
  view: View | null;
  counts: ViewCounts;
  apps: Pick<MessagingApp, "id" | "name" | "provider">[];
  appId: string | null;
}) {
  const t = await getTranslations("inbox");
  const currentApp = apps.find((app) => app.id === appId) ?? null;
  return (
    <>
      <CountsUpdater appId={appId} initial={counts} />
      <Popover
        triggerClassName="flex h-8 max-w-full items-center gap-1.5 rounded-md border border-line bg-white px-2.5 text-sm font-medium hover:bg-canvas lg:hidden"
        trigger={
          <>
            <span className="sr-only">{t("views")}: </span>
            <span className="truncate">{view ? t(`viewNames.${view}`) : t("views")}</span>
            {view ? (
              <span className="min-w-6 rounded-full bg-brand-100 px-1.5 text-center text-xs text-brand-700 tabular-nums">
                <LiveCount view={view} appId={appId} initial={counts[view]} />
              </span>
            ) : null}
            <Chevron />
          </>
        }
        panelClassName="space-y-2 max-lg:absolute max-lg:top-full max-lg:left-0 max-lg:z-30 max-lg:mt-1 max-lg:w-72 max-lg:rounded-lg max-lg:border max-lg:border-line max-lg:bg-white max-lg:p-1.5 max-lg:shadow-lg"
        closedClassName="hidden lg:block"
      >
        <nav aria-label={t("views")}>
          <ul className="flex flex-col gap-px">
            {VIEWS.map((option) => (
              <li key={option}>
                <Link
                  href={inboxHref(option, { appId })}
                  aria-current={option === view ? "page" : undefined}
                  className={cn(
                    "flex h-8 items-center justify-between gap-3 rounded-md px-2.5 text-sm whitespace-nowrap lg:h-7",
                    option === view ? "bg-brand-50 font-medium text-brand-700" : "text-ink hover:bg-canvas",
                  )}
                >
                  <span className="truncate">{t(`viewNames.${option}`)}</span>
                  <span
                    data-testid={`count-${option}`}
                    className={cn(
                      "min-w-6 rounded-full px-1.5 text-center text-xs tabular-nums",
                      option === view ? "bg-brand-100" : "bg-canvas text-muted",
                    )}
                  >
                    <LiveCount view={option} appId={appId} initial={counts[option]} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {view && apps.length > 1 ? (
          <Popover
            triggerClassName="flex h-7 w-full items-center gap-1.5 rounded-md px-2.5 text-left text-xs text-muted hover:bg-canvas"
            trigger={
              <>
                <span className="sr-only">{t("filterByApp")}: </span>
                {currentApp ? <ProviderIcon provider={currentApp.provider} className="h-3.5 w-3.5 shrink-0" /> : null}
                <span className="min-w-0 truncate">{currentApp?.name ?? t("allApps")}</span>
                <Chevron />
              </>
            }
            panelClassName="absolute top-full left-0 z-40 mt-1 w-64 max-w-[calc(100vw-2rem)] rounded-lg border border-line bg-white p-1 shadow-lg"
          >
            <nav aria-label={t("filterByApp")}>
              <ul>
                <li>
                  <Link
                    href={inboxHref(view)}
                    aria-current={!appId ? "true" : undefined}
                    className={cn(
                      "block rounded-md px-2.5 py-1.5 text-sm",
                      !appId ? "bg-brand-50 font-medium text-brand-700" : "text-ink hover:bg-canvas",
                    )}
                  >
                    {t("allApps")}
                  </Link>
                </li>
                {apps.map((app) => (
                  <li key={app.id}>
                    <Link
                      href={inboxHref(view, { appId: app.id })}
                      aria-current={appId === app.id ? "true" : undefined}
                      className={cn(
                        "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm",
                        appId === app.id ? "bg-brand-50 font-medium text-brand-700" : "text-ink hover:bg-canvas",
                      )}
                    >
                      <ProviderIcon provider={app.provider} className="h-4 w-4 shrink-0" />
                      <span className="min-w-0 truncate">{app.name}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          </Popover>
        ) : null}
      </Popover>
    </>
  );
}
