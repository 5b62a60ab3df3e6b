import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { ProviderIcon } from "@/components/inbox/provider-icon";
import { cn } from "@/components/ui/cn";
import type { AppSettingsView } from "@/lib/apps/settings-queries";
import { AppCardActions } from "./app-card-actions";
import { AutoAssignForm } from "./auto-assign-form";
import { CopyField } from "./copy-field";
import type { WorkspaceUserOption } from "./types";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-x-6 gap-y-0.5 sm:grid-cols-[9rem_minmax(0,1fr)]">
      <dt className="text-xs font-medium text-muted sm:pt-px">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

/** One installed app as spec §2 describes it: account, installer, access list, URLs to copy, health. */
export async function AppCard({
  app,
  users,
  assignableUsers,
}: {
  app: AppSettingsView;
  /** Everyone in the workspace, to name the access list (deactivated users included). */
  users: WorkspaceUserOption[];
  /** Who the edit form offers as checkboxes. */
  assignableUsers: WorkspaceUserOption[];
}) {
  const t = await getTranslations("settings");
  const tCommon = await getTranslations("common");
  const tAuto = await getTranslations("autoAssign.settings");
  const format = await getFormatter();
  const now = await getNow();
  const nameId = `app-${app.id}-name`;

  const members = app.memberIds
    .filter((id) => id !== app.installer.id)
    .map((id) => users.find((user) => user.id === id))
    .filter((user) => user !== undefined)
    .map((user) => (user.isActive ? user.name : t("card.deactivated", { name: user.name })));

  const hasErrorSinceLastWebhook =
    app.lastErrorAt !== null && (app.lastWebhookAt === null || app.lastErrorAt >= app.lastWebhookAt);
  const ago = (date: Date) => format.relativeTime(date, now);
  const exact = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });

  return (
    <article
      id={`app-${app.id}`}
      aria-labelledby={nameId}
      tabIndex={-1}
      className="scroll-mt-4 rounded-lg border border-line bg-white shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus:ring-2 focus:ring-brand-100"
    >
      <header className="flex flex-wrap items-start gap-x-3 gap-y-2 px-4 py-3">
        <ProviderIcon provider={app.provider} className="mt-0.5 h-8 w-8 shrink-0" />
        <div className="min-w-0 flex-1 basis-48">
          <h3 id={nameId} className="truncate text-sm font-semibold">
            {app.name}
          </h3>
          <p className="truncate text-xs text-muted">
            {tCommon(`providers.${app.provider}`)} · {t(`card.account.${app.provider}`)}{" "}
            <span className="font-mono text-ink">{app.externalAccountId}</span>
          </p>
          <p className="truncate text-xs text-muted">
            {t("card.installedBy", { name: app.installer.name, date: format.dateTime(app.installedAt, { dateStyle: "medium" }) })}
          </p>
        </div>
        <AppCardActions
          app={{
            id: app.id,
            provider: app.provider,
            name: app.name,
            externalAccountId: app.externalAccountId,
            accountSid: app.accountSid,
            accessMode: app.accessMode,
            memberIds: app.memberIds,
            installer: app.installer,
          }}
          users={assignableUsers}
        />
      </header>

      <dl className="flex flex-col gap-2.5 border-t border-line px-4 py-3 text-sm">
        <Row label={t("card.access")}>
          {app.accessMode === "everyone" ? (
            <p>{t("card.accessEveryone")}</p>
          ) : (
            <>
              <p>{members.length > 0 ? format.list(members, { type: "conjunction" }) : t("card.accessNobodyElse")}</p>
              <p className="text-xs text-muted">{t("card.installerAlwaysHasAccess", { name: app.installer.name })}</p>
            </>
          )}
        </Row>
        <Row label={tAuto("label")}>
          <AutoAssignForm appId={app.id} appName={app.name} enabled={app.autoAssign} limit={app.autoAssignLimit} />
        </Row>
        <Row label={t("card.health")}>
          <p className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className={cn(
                "h-2 w-2 shrink-0 rounded-full",
                hasErrorSinceLastWebhook ? "bg-danger" : app.lastWebhookAt ? "bg-success" : "bg-slate-300",
              )}
            />
            {app.lastWebhookAt ? (
              <span title={exact(app.lastWebhookAt)}>{t("card.lastWebhook", { time: ago(app.lastWebhookAt) })}</span>
            ) : (
              t("card.noWebhook")
            )}
          </p>
          {app.lastError && app.lastErrorAt ? (
            <p className="mt-0.5 break-words pl-4 text-xs text-danger" title={exact(app.lastErrorAt)}>
              {t("card.lastError", { message: app.lastError, time: ago(app.lastErrorAt) })}
            </p>
          ) : null}
        </Row>
      </dl>

      <section aria-label={t("card.connection")} className="flex flex-col gap-2 rounded-b-lg border-t border-line bg-canvas/60 px-4 py-3">
        <p className="text-xs text-muted">{t(`card.connectionHelp.${app.provider}`)}</p>
        <CopyField label={t("card.webhookUrl")} copyLabel={t("copy.webhookUrl")} value={app.webhookUrl} />
        {app.statusCallbackUrl ? (
          <CopyField label={t("card.statusCallbackUrl")} copyLabel={t("copy.statusCallbackUrl")} value={app.statusCallbackUrl} />
        ) : null}
        {app.verifyToken ? (
          <CopyField label={t("card.verifyToken")} copyLabel={t("copy.verifyToken")} value={app.verifyToken} />
        ) : null}
      </section>
    </article>
  );
}
