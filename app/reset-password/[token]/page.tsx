import { getDb } from "@/db/index";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/accounts/auth-card";
import { InvalidLink } from "@/components/accounts/invalid-link";
import { NewPasswordForm } from "@/components/accounts/new-password-form";
import { isResetTokenUsable } from "@/lib/accounts/password-reset";
import { resetPasswordAction } from "../actions";
import { FORGOT_PASSWORD_PATH } from "@/lib/paths";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accounts.reset");
  return { title: t("metaTitle") };
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const db = await getDb();
  const { token } = await params;
  const t = await getTranslations("accounts");
  if (!(await isResetTokenUsable(db, token))) {
    return <InvalidLink title={t("reset.invalidTitle")} body={t("reset.invalidBody")} action={{ href: FORGOT_PASSWORD_PATH, label: t("reset.again") }} />;
  }
  return (
    <AuthCard title={t("reset.title")}>
      <NewPasswordForm
        action={resetPasswordAction}
        token={token}
        passwordLabel={t("fields.newPassword")}
        submitLabel={t("reset.submit")}
        pendingLabel={t("reset.submitting")}
      />
    </AuthCard>
  );
}
