import { getDb } from "@/db/index";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/accounts/auth-card";
import { WorkspaceForm } from "@/components/accounts/workspace-form";
import { hasAnyWorkspace } from "@/lib/auth/actor";
import { setupAction } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accounts.setup");
  return { title: t("metaTitle") };
}

/** First-run setup (spec §12): only while the installation has no workspace; a 404 after. */
export default async function SetupPage() {
  const db = await getDb();
  if (await hasAnyWorkspace(db)) notFound();
  const t = await getTranslations("accounts.setup");
  return (
    <AuthCard title={t("title")} subtitle={t("subtitle")}>
      <WorkspaceForm action={setupAction} />
    </AuthCard>
  );
}
