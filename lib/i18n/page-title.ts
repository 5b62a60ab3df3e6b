import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/** A page's `<title>`: its catalog keys from specific to general, then the app's name, joined by " · ". */
export async function titledMetadata(...keys: string[]): Promise<Metadata> {
  const t = await getTranslations();
  return { title: [...keys, "common.appName"].map((key) => t(key)).join(" · ") };
}
