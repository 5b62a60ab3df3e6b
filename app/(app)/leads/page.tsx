import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/actor";

export default async function Page() {
  await requireUser();
  const t = await getTranslations();
  return (
    <main className="p-6">
      <h1 className="text-lg font-semibold">{t("nav.leads")}</h1>
      <p className="mt-2 text-muted">{t("placeholder.comingSoon")}</p>
    </main>
  );
}
