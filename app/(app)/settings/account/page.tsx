import { getDb } from "@/db/index";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountPage } from "@/components/accounts/account-page";
import { requireUser } from "@/lib/auth/actor";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t("accounts.account.metaTitle")} · ${t("common.appName")}` };
}

/** Spec §12: every signed-in user's own account, from the user menu → Account. */
export default async function AccountSettingsPage() {
  const db = await getDb();
  const actor = await requireUser(db);
  return <AccountPage name={actor.name} email={actor.email} locale={isLocale(actor.locale) ? actor.locale : DEFAULT_LOCALE} />;
}
