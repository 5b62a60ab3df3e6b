import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RecordListPage, type RecordListSearchParams } from "@/components/crm/record-list-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("crm");
  return { title: t("metaTitle", { section: t("types.deal.many") }) };
}

export default async function Page({ searchParams }: { searchParams: Promise<RecordListSearchParams> }) {
  return <RecordListPage type="deal" searchParams={await searchParams} />;
}
