import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import type { NoAccessState } from "@/lib/inbox/no-access";
import { SETTINGS_PATHS } from "@/lib/paths";

/** What the inbox shows a user who reaches no app: install one (admins) or ask an admin. */
export async function NoAppsNotice({ state, isAdmin }: { state: NoAccessState; isAdmin: boolean }) {
  const t = await getTranslations("inbox");
  const format = await getFormatter();
  const title = state.workspaceHasApps ? t("noAccess.title") : t("noApps.title");
  const body = state.workspaceHasApps
    ? isAdmin
      ? t("noAccess.adminBody")
      : t("noAccess.body", { admins: format.list(state.adminNames, { type: "disjunction" }) })
    : isAdmin
      ? t("noApps.adminBody")
      : t("noApps.body");
  return (
    <main className="flex h-full items-center justify-center p-6">
      <div className="max-w-md rounded-xl border border-line bg-white p-8 text-center shadow-sm">
        <h1 className="text-lg font-semibold">{title}</h1>
        <p className="mt-2 text-muted">{body}</p>
        {isAdmin ? (
          <Link href={SETTINGS_PATHS.messagingApps} className={buttonClasses("primary", "mt-5")}>
            {t("noApps.adminAction")}
          </Link>
        ) : null}
      </div>
    </main>
  );
}
