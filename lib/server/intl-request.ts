import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
// next-intl calls this per request: an entry point.
import { getDb } from "@/db/index";
import { getActor } from "@/lib/auth/actor";
import { isLocale, localeFromAcceptLanguage, type Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";

export const TIME_ZONE_COOKIE = "tz";

async function resolveLocale(): Promise<Locale> {
  const actor = await getActor(await getDb());
  if (isLocale(actor?.locale)) return actor.locale;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

/** The browser reports its time zone once (components/time-zone-reporter.tsx); UTC until then. */
async function resolveTimeZone(): Promise<string> {
  const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  if (value && Intl.supportedValuesOf("timeZone").includes(value)) return value;
  return "UTC";
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadMessages(locale), timeZone: await resolveTimeZone() };
});
