import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import type { Provider } from "@/db/schema";
import { HOME_PATH } from "@/lib/paths";

/**
 * Where a note's link lands once its conversation was deleted (spec §5, §7): the history is
 * gone from the inbox, the provider keeps its copy, and the CRM notes stay.
 */
export async function DeletedConversation({
  contactName,
  appName,
  provider,
}: {
  /** Empty once deleting has cleared the contact from the conversation's row. */
  contactName: string | null;
  appName: string;
  provider: Provider;
}) {
  const t = await getTranslations();
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="max-w-md text-center">
        <span aria-hidden="true" className="mx-auto inline-flex h-10 w-10 items-center justify-center rounded-full bg-slate-100 text-muted">
          <svg viewBox="0 0 20 20" className="h-5 w-5">
            <path
              d="M4 6h12M8 6V4.5h4V6M6 6l.7 9.5h6.6L14 6M8.5 9v4M11.5 9v4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.4"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </span>
        <h1 className="mt-3 text-xl font-semibold">{t("crm.deleted.title")}</h1>
        <p className="mt-1 text-sm text-muted">{contactName ? t("crm.deleted.was", { contact: contactName, app: appName }) : t("crm.deleted.wasOnApp", { app: appName })}</p>
        <p className="mt-3 text-muted">{t("crm.deleted.body", { provider: t(`common.providers.${provider}`) })}</p>
        <Link href={HOME_PATH} className={buttonClasses("secondary", "mt-6")}>
          {t("errors.backToInbox")}
        </Link>
      </div>
    </main>
  );
}
