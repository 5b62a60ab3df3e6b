import { getDb } from "@/db/index";
import { ClientMessages } from "@/components/i18n/client-messages";
import { SettingsNav } from "@/components/settings/settings-nav";
import { requireUser } from "@/lib/auth/actor";

/**
 * Every signed-in user reaches their account here; the admin-only pages check the role
 * themselves (integrations/layout.tsx, team/page.tsx), so members get the 403 page there.
 */
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const db = await getDb();
  const actor = await requireUser(db);
  return (
    <ClientMessages scope="settings">
      <div className="flex h-full flex-col">
        <SettingsNav isAdmin={actor.role === "admin"} />
        <div className="min-h-0 flex-1">{children}</div>
      </div>
    </ClientMessages>
  );
}
