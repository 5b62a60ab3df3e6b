import { getTranslations } from "next-intl/server";

/** Settings › Tools and apps › Integrations › <current>; there are no pages behind the parents yet. */
export async function SettingsBreadcrumb({ current }: { current: string }) {
  const t = await getTranslations();
  const trail = [t("nav.settings"), t("nav.toolsAndApps"), t("nav.integrations")];
  return (
    <nav aria-label={t("settings.breadcrumb")}>
      <ol className="flex flex-wrap items-center gap-x-1.5 text-xs text-muted">
        {trail.map((item) => (
          <li key={item} className="flex items-center gap-1.5">
            {item}
            <span aria-hidden="true" className="text-slate-300">
              ›
            </span>
          </li>
        ))}
        <li aria-current="page" className="font-medium text-ink">
          {current}
        </li>
      </ol>
    </nav>
  );
}
