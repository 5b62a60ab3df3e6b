import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { HOME_PATH } from "@/lib/paths";

export async function StatusPage({ code, title, body }: { code: number; title: string; body: string }) {
  const t = await getTranslations("errors");
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-brand-600">{code}</p>
        <h1 className="mt-2 text-xl font-semibold">{title}</h1>
        <p className="mt-2 text-muted">{body}</p>
        <Link href={HOME_PATH} className={buttonClasses("secondary", "mt-6")}>
          {t("backToInbox")}
        </Link>
      </div>
    </main>
  );
}
