import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/accounts/auth-card";
import { ConfirmEmailForm } from "@/components/accounts/confirm-email-form";
import { InvalidLink } from "@/components/accounts/invalid-link";
import { getDb } from "@/db/index";
import { findUsableToken } from "@/lib/auth/one-time-tokens";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accounts.confirmEmail");
  return { title: t("metaTitle") };
}

export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("accounts.confirmEmail");
  const db = await getDb();
  const row = await db.transaction((tx) => findUsableToken(tx, "email_change", token));
  if (!row) return <InvalidLink title={t("invalidTitle")} body={t("invalidBody")} />;
  return (
    <AuthCard title={t("title")} subtitle={t("body", { email: row.email })}>
      <ConfirmEmailForm token={token} />
    </AuthCard>
  );
}
