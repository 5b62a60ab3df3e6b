import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { AuthCard } from "./auth-card";
import { LOGIN_PATH } from "@/lib/paths";

/** One clear page for an expired, revoked, used or unknown link (spec §12); nothing was changed. */
export async function InvalidLink({ title, body, action }: { title: string; body: string; action?: { href: string; label: string } }) {
  const t = await getTranslations("accounts.invite");
  const target = action ?? { href: LOGIN_PATH, label: t("toSignIn") };
  return (
    <AuthCard title={title}>
      <p className="text-sm text-muted">{body}</p>
      <Link href={target.href} className={buttonClasses("secondary", "mt-5 w-full justify-center")}>
        {target.label}
      </Link>
    </AuthCard>
  );
}
