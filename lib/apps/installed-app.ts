import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/index";
import { messagingApps, type Provider } from "@/db/schema";
import { isUuid } from "@/lib/inbox/views";
import { withCredentials, type AppWithCredentials } from "./credentials";

/**
 * The installed app a webhook names, with its credentials. Null for a malformed id, an
 * unknown or uninstalled app, and an app of the other provider: all of them answer 404.
 */
export async function findInstalledApp(appId: string, provider: Provider): Promise<AppWithCredentials | null> {
  if (!isUuid(appId)) return null;
  const db = await getDb();
  const [app] = await db
    .select()
    .from(messagingApps)
    .where(and(eq(messagingApps.id, appId), eq(messagingApps.provider, provider), isNull(messagingApps.uninstalledAt)))
    .limit(1);
  return app ? withCredentials(app) : null;
}
