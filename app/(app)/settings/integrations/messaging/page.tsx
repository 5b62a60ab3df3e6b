import { getTranslations } from "next-intl/server";
import { requireAdmin } from "@/lib/auth/actor";

export default async function MessagingSettingsPage() {
  await requireAdmin();
  const t = await getTranslations("nav");
  return (
    <main className="p-6">
      <h1 className="text-lg font-semibold">
        {t("settings")} · {t("integrations")} · {t("messaging")}
      </h1>
    </main>
  );
}
