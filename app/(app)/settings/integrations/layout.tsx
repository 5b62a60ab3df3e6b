import { requireAdmin } from "@/lib/auth/actor";

/** Integrations are for admins; everyone else gets the 403 page (spec §1). */
export default async function IntegrationsLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return children;
}
