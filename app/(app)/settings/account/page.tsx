import { getDb } from "@/db/index";
import { AccountPage } from "@/components/accounts/account-page";
import { requireUser } from "@/lib/auth/actor";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { titledMetadata } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";

export const generateMetadata = () => titledMetadata("accounts.account.metaTitle");

/** Spec §12: every signed-in user's own account, from the user menu → Account. */
export default async function AccountSettingsPage() {
  const db = await getDb();
  const actor = await requireUser(db);
  return <AccountPage name={actor.name} email={actor.email} locale={isLocale(actor.locale) ? actor.locale : DEFAULT_LOCALE} />;
}
