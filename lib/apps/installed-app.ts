import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "@/db/client";
import { getDatabaseHandle } from "@/db/index";
import { messagingApps, type Provider } from "@/db/schema";
import { log } from "@/lib/observability/log";
import { isUuid } from "@/lib/ids";
import type { AppWithCredentials } from "@/lib/channels/types";
import { withCredentials } from "./credentials";

/** Lowercase on purpose: PGlite does not quote channel names. The payload is the app id. */
const APPS_CHANNEL = "switchboard_apps";
/** A safety net for a missed invalidation (a LISTEN that dropped); edits normally reach every instance at once. */
const CACHE_TTL_MS = 60_000;

type Entry = { found: AppWithCredentials; at: number };
type AppCache = {
  entries: Map<string, Entry>;
  /** Bumped by every invalidation, so a lookup that started before it does not store what it read. */
  generation: number;
  listening?: Promise<boolean>;
};

// One cache per open database (tests swap databases per file), shared across module copies.
const caches: WeakMap<DatabaseHandle, AppCache> = ((
  globalThis as { __switchboardAppCaches?: WeakMap<DatabaseHandle, AppCache> }
).__switchboardAppCaches ??= new WeakMap());

function cacheFor(handle: DatabaseHandle): AppCache {
  let cache = caches.get(handle);
  if (!cache) {
    cache = { entries: new Map(), generation: 0 };
    caches.set(handle, cache);
  }
  return cache;
}

/**
 * Entries are only kept once this process hears every instance's edits: an edit or uninstall
 * anywhere sends `switchboard_apps` (see announceAppChanged) and every instance drops the app.
 */
function startListening(handle: DatabaseHandle, cache: AppCache): Promise<boolean> {
  cache.listening ??= handle
    .listen(APPS_CHANNEL, (appId) => {
      cache.generation++;
      cache.entries.delete(appId);
    })
    .then(
      () => true,
      (error: unknown) => {
        log.error({ err: error }, "could not LISTEN for app changes; app lookups stay uncached");
        cache.listening = undefined;
        return false;
      },
    );
  return cache.listening;
}

/**
 * The installed app a webhook names, with its credentials. Null for a malformed id, an
 * unknown or uninstalled app, and an app of the other provider: all of them answer 404.
 * Cached per process (the row and its decrypted credentials), dropped on edit and uninstall.
 */
export async function findInstalledApp(db: Executor, appId: string, provider: Provider): Promise<AppWithCredentials | null> {
  if (!isUuid(appId)) return null;
  const handle = await getDatabaseHandle();
  const cache = cacheFor(handle);
  const cached = cache.entries.get(appId);
  if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached.found.provider === provider ? cached.found : null;

  const isListening = await startListening(handle, cache);
  const generation = cache.generation;
  const [app] = await db
    .select()
    .from(messagingApps)
    .where(and(eq(messagingApps.id, appId), isNull(messagingApps.uninstalledAt)))
    .limit(1);
  if (!app) return null;
  const found = withCredentials(app);
  if (isListening && generation === cache.generation) cache.entries.set(appId, { found, at: Date.now() });
  return found.provider === provider ? found : null;
}

/**
 * Call in the transaction that edits or uninstalls an app: after commit every instance drops
 * its cached copy. `forgetInstalledApp` afterwards makes this process's own next request exact.
 */
export async function announceAppChanged(tx: Executor, appId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${APPS_CHANNEL}, ${appId})`);
}

export async function forgetInstalledApp(appId: string): Promise<void> {
  const cache = cacheFor(await getDatabaseHandle());
  cache.generation++;
  cache.entries.delete(appId);
}
