import { getDb } from "@/db/index";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TeamPage } from "@/components/team/team-page";
import { requireAdmin } from "@/lib/auth/actor";
import { listTeam } from "@/lib/team/team-list";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t("team.metaTitle")} · ${t("nav.settings")} · ${t("common.appName")}` };
}

/** Spec §12: admins only; members get the 403 page. */
export default async function TeamSettingsPage() {
  const db = await getDb();
  const actor = await requireAdmin(db);
  return <TeamPage rows={await listTeam(db, actor)} actorId={actor.userId} />;
}
