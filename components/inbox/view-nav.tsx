import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { MessagingApp } from "@/db/schema";
import { cn } from "@/components/ui/cn";
import type { ViewCounts } from "@/lib/inbox/queries";
import { VIEWS, type View } from "@/lib/inbox/views";
import { inboxHref } from "./inbox-href";
import { ProviderIcon } from "./provider-icon";

export async function ViewNav({
  view,
  counts,
  apps,
  appId,
}: {
  view: View;
  counts: ViewCounts;
  apps: Pick<MessagingApp, "id" | "name" | "provider">[];
  appId: string | null;
}) {
  const t = await getTranslations("inbox");
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t("views")}>
        <ul className="flex gap-1 overflow-x-auto md:flex-col">
          {VIEWS.map((option) => (
            <li key={option}>
              <Link
                href={inboxHref(option, { appId })}
                aria-current={option === view ? "page" : undefined}
                className={cn(
                  "flex items-center justify-between gap-3 whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm",
                  option === view ? "bg-brand-50 font-medium text-brand-700" : "text-ink hover:bg-canvas",
                )}
              >
                <span>{t(`viewNames.${option}`)}</span>
                <span
                  data-testid={`count-${option}`}
                  className={cn("min-w-6 rounded-full px-1.5 text-center text-xs tabular-nums", option === view ? "bg-brand-100" : "bg-canvas text-muted")}
                >
                  {counts[option]}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {apps.length > 1 ? (
        <nav aria-label={t("filterByApp")} className="hidden md:block">
          <p className="px-2.5 pb-1 text-xs font-semibold uppercase tracking-wide text-muted">{t("filterByApp")}</p>
          <ul className="flex flex-col gap-0.5">
            <li>
              <Link
                href={inboxHref(view)}
                aria-current={!appId ? "true" : undefined}
                className={cn("block rounded-md px-2.5 py-1 text-sm", !appId ? "font-medium text-brand-700" : "text-muted hover:bg-canvas")}
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
                    "flex items-center gap-2 rounded-md px-2.5 py-1 text-sm",
                    appId === app.id ? "font-medium text-brand-700" : "text-muted hover:bg-canvas",
                  )}
                >
                  <ProviderIcon provider={app.provider} />
                  <span className="truncate">{app.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
