import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { MessagingApp } from "@/db/schema";
import { cn } from "@/components/ui/cn";
import type { ViewCounts } from "@/lib/inbox/count-format";
import { CountsUpdater, LiveCount } from "./live-counts";
import { VIEWS, type View } from "@/lib/inbox/views";
import { inboxHref } from "./inbox-href";
import { ProviderIcon } from "./provider-icon";

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
  return (
    <div className="flex flex-col gap-2 2xl:gap-4">
      <CountsUpdater appId={appId} initial={counts} />
      <nav aria-label={t("views")}>
        <ul className="flex flex-wrap gap-1 2xl:flex-col">
          {VIEWS.map((option) => (
            <li key={option}>
              <Link
                href={inboxHref(option, { appId })}
                aria-current={option === view ? "page" : undefined}
                className={cn(
                  "flex items-center justify-between gap-2 whitespace-nowrap rounded-md px-2 py-1 text-sm 2xl:gap-3 2xl:px-2.5 2xl:py-1.5",
                  option === view ? "bg-brand-50 font-medium text-brand-700" : "text-ink hover:bg-canvas",
                )}
              >
                <span>{t(`viewNames.${option}`)}</span>
                <span
                  data-testid={`count-${option}`}
                  className={cn("min-w-6 rounded-full px-1.5 text-center text-xs tabular-nums", option === view ? "bg-brand-100" : "bg-canvas text-muted")}
                >
                  <LiveCount view={option} appId={appId} initial={counts[option]} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {view && apps.length > 1 ? (
        <nav aria-label={t("filterByApp")}>
          <p className="hidden px-2.5 pb-1 text-xs font-semibold uppercase tracking-wide text-muted 2xl:block">{t("filterByApp")}</p>
          <ul className="-mx-1 flex gap-0.5 overflow-x-auto px-1 py-0.5 2xl:mx-0 2xl:flex-col 2xl:overflow-visible 2xl:p-0">
            <li>
              <Link
                href={inboxHref(view)}
                aria-current={!appId ? "true" : undefined}
                className={cn(
                  "block whitespace-nowrap rounded-md px-2 py-0.5 text-xs 2xl:px-2.5 2xl:py-1 2xl:text-sm",
                  !appId ? "bg-brand-50 font-medium text-brand-700 2xl:bg-transparent" : "text-muted hover:bg-canvas",
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
                    "flex items-center gap-1.5 whitespace-nowrap rounded-md px-2 py-0.5 text-xs 2xl:gap-2 2xl:px-2.5 2xl:py-1 2xl:text-sm",
                    appId === app.id ? "bg-brand-50 font-medium text-brand-700 2xl:bg-transparent" : "text-muted hover:bg-canvas",
                  )}
                >
                  <ProviderIcon provider={app.provider} className="h-3.5 w-3.5 shrink-0 2xl:h-4 2xl:w-4" />
                  <span className="2xl:truncate">{app.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
