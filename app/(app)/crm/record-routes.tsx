import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RecordDetailPage } from "@/components/crm/record-detail-page";
import { RecordListPage } from "@/components/crm/record-list-page";
import { getDb } from "@/db/index";
import { requireUser } from "@/lib/auth/actor";
import { loadRecord, loadRecordDetail } from "@/lib/crm/load-record-detail";
import { loadRecordList, type RecordListSearchParams } from "@/lib/crm/load-record-list";
import type { RecordType } from "@/lib/record-types";

// Every kind's list and record page is the same route for its kind: app/(app)/{persons,leads,deals}.

export function recordListRoute(type: RecordType) {
  return {
    async generateMetadata(): Promise<Metadata> {
      const t = await getTranslations("crm");
      return { title: t("metaTitle", { section: t(`types.${type}.many`) }) };
    },
    async Page({ searchParams }: { searchParams: Promise<RecordListSearchParams> }) {
      const db = await getDb();
      const actor = await requireUser(db);
      return <RecordListPage list={await loadRecordList(db, actor, type, await searchParams)} />;
    },
  };
}

type RecordParams = { params: Promise<{ id: string }> };

export function recordDetailRoute(type: RecordType) {
  return {
    async generateMetadata({ params }: RecordParams): Promise<Metadata> {
      const t = await getTranslations("crm");
      const db = await getDb();
      const record = await loadRecord(db, await requireUser(db), type, (await params).id);
      return { title: t("metaTitle", { section: record?.label ?? t(`types.${type}.one`) }) };
    },
    async Page({ params, searchParams }: RecordParams & { searchParams: Promise<{ notesBefore?: string | string[] }> }) {
      const { notesBefore } = await searchParams;
      const db = await getDb();
      const actor = await requireUser(db);
      const detail = await loadRecordDetail(db, actor, type, (await params).id, typeof notesBefore === "string" ? notesBefore : null);
      if (!detail) notFound();
      return <RecordDetailPage detail={detail} />;
    },
  };
}
