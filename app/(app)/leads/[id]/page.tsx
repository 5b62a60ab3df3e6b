import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RecordDetailPage, recordLabel } from "@/components/crm/record-detail-page";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const t = await getTranslations("crm");
  return { title: t("metaTitle", { section: (await recordLabel("lead", (await params).id)) ?? t("types.lead.one") }) };
}

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ notesBefore?: string | string[] }>;
}) {
  const { notesBefore } = await searchParams;
  return <RecordDetailPage type="lead" id={(await params).id} notesBefore={typeof notesBefore === "string" ? notesBefore : null} />;
}
