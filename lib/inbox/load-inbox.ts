import "server-only";
import type { Executor } from "@/db/client";
import { listAccessibleApps, type AccessSubject } from "@/lib/apps/access";
import { isUuid } from "@/lib/ids";
import { loadOpenConversation } from "./load-open-conversation";
import { describeNoAccess } from "./no-access";
import { countViews, listConversations, narrowScope } from "./queries";
import type { View } from "@/lib/views";
import { decodeCursor } from "@/lib/keyset-cursor";

export type InboxRequest = { view: View; conversationId: string | null; app: string | null; after: string | null };

/**
 * Everything the inbox page reads from the database for one URL, in one place so that
 * bench:views times exactly the queries the page runs. `missing` for an unknown or
 * inaccessible conversation id (the page answers 404); `noApps` when the user reaches no app.
 */
export async function loadInbox(db: Executor, actor: AccessSubject, request: InboxRequest) {
  const apps = await listAccessibleApps(db, actor);
  if (apps.length === 0) {
    if (request.conversationId) return { kind: "missing" as const };
    return { kind: "noApps" as const, state: await describeNoAccess(db, actor.workspaceId) };
  }
  // A malformed or foreign app id shows the unfiltered first page (spec §10).
  const appId = request.app && isUuid(request.app) && apps.some((app) => app.id === request.app) ? request.app : null;
  const after = decodeCursor(request.after);
  const scope = narrowScope(actor, apps.map((app) => app.id), appId);
  const [open, counts, list] = await Promise.all([
    request.conversationId ? loadOpenConversation(db, actor, request.conversationId) : null,
    countViews(db, actor, appId, scope),
    listConversations(db, actor, request.view, { after, scope }),
  ]);
  if (request.conversationId && !open) return { kind: "missing" as const };
  return { kind: "inbox" as const, apps, appId, after, open, counts, list };
}
