import { getDb } from "@/db/index";
import { requireAdmin } from "@/lib/auth/actor";

/** Integrations are for admins; everyone else gets the 403 page (spec §1). */
export default async function IntegrationsLayout({ children }: { children: React.ReactNode }) {
  const db = await getDb();
  await requireAdmin(db);
  return children;
}
