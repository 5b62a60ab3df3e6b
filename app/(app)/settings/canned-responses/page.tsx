import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CannedResponsesPage } from "@/components/canned/canned-responses-page";
import { getDb } from "@/db/index";
import { requireUser } from "@/lib/auth/actor";
import { listCannedResponses } from "@/lib/canned/canned-responses";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t("canned.title")} · ${t("nav.settings")} · ${t("common.appName")}` };
}

/** SPEC §13: admins manage the workspace's canned responses; members see them read-only. */
export default async function CannedResponsesSettingsPage() {
  const db = await getDb();
  const actor = await requireUser(db);
  const responses = await listCannedResponses(await getDb(), actor.workspaceId);
  return <CannedResponsesPage responses={responses} canManage={actor.role === "admin"} />;
}
