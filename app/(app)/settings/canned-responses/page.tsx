import { CannedResponsesPage } from "@/components/canned/canned-responses-page";
import { getDb } from "@/db/index";
import { requireUser } from "@/lib/auth/actor";
import { listCannedResponses } from "@/lib/canned/canned-responses";
import { titledMetadata } from "@/lib/i18n/page-title";

export const dynamic = "force-dynamic";

export const generateMetadata = () => titledMetadata("canned.title", "nav.settings");

/** SPEC §13: admins manage the workspace's canned responses; members see them read-only. */
export default async function CannedResponsesSettingsPage() {
  const db = await getDb();
  const actor = await requireUser(db);
  const responses = await listCannedResponses(await getDb(), actor.workspaceId);
  return <CannedResponsesPage responses={responses} canManage={actor.role === "admin"} />;
}
