import { getDb } from "@/db/index";
import { TeamPage } from "@/components/team/team-page";
import { requireAdmin } from "@/lib/auth/actor";
import { listTeam } from "@/lib/team/team-list";
import { titledMetadata } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";

export const generateMetadata = () => titledMetadata("team.metaTitle", "nav.settings");

/** Spec §12: admins only; members get the 403 page. */
export default async function TeamSettingsPage() {
  const db = await getDb();
  const actor = await requireAdmin(db);
  return <TeamPage rows={await listTeam(db, actor)} actorId={actor.userId} />;
}
