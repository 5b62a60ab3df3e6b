import type { Locale } from "./locales";
import en from "./messages/en.json";

export type Messages = typeof en;

export async function loadMessages(locale: Locale): Promise<Messages> {
  return locale === "cs" ? (await import("./messages/cs.json")).default : en;
}
