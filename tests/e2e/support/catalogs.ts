import cs from "../../../lib/i18n/messages/cs.json" with { type: "json" };
import en from "../../../lib/i18n/messages/en.json" with { type: "json" };

/** The app's own catalogs: page objects find elements by the names the UI contract gives them (SPEC §10, §11). */
export const catalogs = { en, cs } as const;
export type Locale = keyof typeof catalogs;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
