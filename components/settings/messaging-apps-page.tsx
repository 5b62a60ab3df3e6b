import { getTranslations } from "next-intl/server";
import { ProviderIcon } from "@/components/inbox/provider-icon";
import type { Provider } from "@/db/schema";
import type { AppSettingsView } from "@/lib/apps/settings-queries";
import { AddAppButton } from "./add-app-button";
import { AppCard } from "./app-card";
import { ClaimOnReplyForm } from "./claim-on-reply-form";
import { SettingsBreadcrumb } from "./settings-breadcrumb";
import type { WorkspaceUserOption } from "./types";

const PROVIDERS: Provider[] = ["messenger", "whatsapp"];

/** Settings → Tools and apps → Integrations → Messaging (spec §2, §10). */
export async function MessagingAppsPage({
  apps,
  users,
  closed,
  actorId,
  claimOnReply,
}: {
  apps: AppSettingsView[];
  users: WorkspaceUserOption[];
  closed: Provider[];
  actorId: string;
  claimOnReply: boolean;
}) {
  const t = await getTranslations("settings");
  const tCommon = await getTranslations("common");
  const activeUsers = users.filter((user) => user.isActive);
  const open = PROVIDERS.filter((provider) => !closed.includes(provider));

  return (
    <main className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-5xl flex-col gap-5 px-4 py-5 md:px-8 md:py-7">
        <div className="flex flex-col gap-3">
          <SettingsBreadcrumb current={t("messaging.title")} />
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div className="min-w-0 max-w-xl">
              <h1 className="text-xl font-semibold">{t("messaging.title")}</h1>
              <p className="mt-1 text-sm text-muted">{t("messaging.description")}</p>
            </div>
            {open.length > 0 ? (
              <div className="flex flex-wrap gap-2">
                {open.map((provider, index) => (
                  <AddAppButton
                    key={provider}
                    provider={provider}
                    users={activeUsers}
                    installerId={actorId}
                    variant={index === 0 ? "primary" : "secondary"}
                  />
                ))}
              </div>
            ) : null}
          </div>
          {closed.map((provider) => (
            <p
              key={provider}
              className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            >
              <ProviderIcon provider={provider} className="mt-0.5 shrink-0" />
              {t("messaging.closed", { provider: tCommon(`providers.${provider}`) })}
            </p>
          ))}
        </div>

        <section aria-labelledby="installed-apps" className="flex flex-col gap-3">
          <h2 id="installed-apps" className="text-xs font-semibold uppercase tracking-wide text-muted">
            {t("messaging.installedApps")} <span className="tabular-nums">({apps.length})</span>
          </h2>
          {apps.length === 0 ? (
            <div className="rounded-lg border border-dashed border-line bg-white px-6 py-10 text-center">
              <p className="font-medium">{t("messaging.empty.title")}</p>
              <p className="mt-1 text-sm text-muted">{t("messaging.empty.body")}</p>
            </div>
          ) : (
            apps.map((app) => (
              <AppCard key={app.id} app={app} users={users} assignableUsers={activeUsers} />
            ))
          )}
        </section>

        <section aria-labelledby="replies-settings" className="flex flex-col gap-3">
          <h2 id="replies-settings" className="text-xs font-semibold uppercase tracking-wide text-muted">
            {t("messaging.claimOnReply.heading")}
          </h2>
          <ClaimOnReplyForm enabled={claimOnReply} />
        </section>
      </div>
    </main>
  );
}
