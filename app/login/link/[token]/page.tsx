import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/accounts/auth-card";
import { InvalidLink } from "@/components/accounts/invalid-link";
import { TokenButtonForm } from "@/components/accounts/token-button-form";
import { findUsableToken } from "@/lib/auth/one-time-tokens";
import { getDb } from "@/db/index";
import { signInWithLinkAction } from "../actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accounts.magic");
  return { title: t("metaTitle") };
}

export default async function MagicLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("accounts.magic");
  const db = await getDb();
  const usable = await db.transaction(async (tx) => Boolean(await findUsableToken(tx, "magic_link", token)));
  if (!usable) return <InvalidLink title={t("invalidTitle")} body={t("invalidBody")} />;
  return (
    <AuthCard title={t("title")} subtitle={t("body")}>
      <TokenButtonForm action={signInWithLinkAction} token={token} label={t("submit")} />
    </AuthCard>
  );
}
