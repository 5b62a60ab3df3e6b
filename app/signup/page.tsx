import { getDb } from "@/db/index";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/accounts/auth-card";
import { WorkspaceForm } from "@/components/accounts/workspace-form";
import { hasAnyWorkspace } from "@/lib/auth/actor";
import { isSignupAllowed } from "@/lib/accounts/signup";
import { signupAction } from "../setup/actions";
import { LOGIN_PATH, SETUP_PATH } from "@/lib/paths";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accounts.signup");
  return { title: t("metaTitle") };
}

/** A new workspace on a shared installation, only with ALLOW_SIGNUP=1 (spec §12). */
export default async function SignupPage() {
  const db = await getDb();
  if (!isSignupAllowed()) notFound();
  if (!(await hasAnyWorkspace(db))) redirect(SETUP_PATH);
  const t = await getTranslations("accounts.signup");
  return (
    <AuthCard
      title={t("title")}
      subtitle={t("subtitle")}
      footer={
        <Link href={LOGIN_PATH} className="text-brand-600 hover:underline">
          {t("haveAccount")}
        </Link>
      }
    >
      <WorkspaceForm action={signupAction} />
    </AuthCard>
  );
}
