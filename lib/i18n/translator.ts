// use-intl/core (next-intl's engine) has no React: jobs also run outside Next, in `npm run worker`.
import { createFormatter, createTranslator } from "use-intl/core";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";
import { loadMessages } from "./messages";

/**
 * Texts outside a request (jobs: emails, push, CRM notes), in the recipient's language. Times
 * are shown in UTC with the zone named, since a job knows no browser's time zone.
 */
export async function translatorFor(locale: string | null | undefined) {
  const resolved: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const messages = await loadMessages(resolved);
  return {
    locale: resolved,
    t: createTranslator({ locale: resolved, messages }),
    format: createFormatter({ locale: resolved, timeZone: "UTC" }),
  };
}
