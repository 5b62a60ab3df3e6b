import { getDb } from "@/db/index";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { Logo } from "@/components/ui/logo";
import { hasAnyWorkspace } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/actor";
import { isMagicLinkEnabled } from "@/lib/auth/magic-link";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { showDemoHint } from "@/lib/auth/demo-hint";
import { SETUP_PATH } from "@/lib/paths";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const db = await getDb();
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await getActor(db)) redirect(target);
  if (!(await hasAnyWorkspace(db))) redirect(SETUP_PATH);
  const t = await getTranslations("login");
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <Logo className="h-10 w-10" />
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="text-muted">{t("subtitle")}</p>
        </div>
        <div className="rounded-xl border border-line bg-white p-6 shadow-sm">
          <LoginForm callbackUrl={target} magicLink={isMagicLinkEnabled()} />
        </div>
        {(await showDemoHint(db)) ? (
          <p className="mt-4 text-center text-xs text-muted">{t("demoHint")}</p>
        ) : null}
      </div>
    </main>
  );
}
