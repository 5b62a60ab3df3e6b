import "server-only";
import type { Executor } from "@/db/client";
import { findAccessibleConversation, listAccessibleApps, type AccessSubject } from "@/lib/apps/access";
import { listAssignableUsers } from "./assignable-users";
import { countViews, listConversations, loadThreadPage, narrowScope } from "./queries";
import { markConversationRead } from "./read-markers";
import { isUuid } from "@/lib/ids";
import { decodeCursor, type View } from "./views";

export type InboxRequest = { view: View; conversationId: string | null; app: string | null; after: string | null };

/**
 * Everything the inbox page reads from the database for one URL, in one place so that
 * bench:views times exactly the queries the page runs. `open` is null for an unknown or
 * inaccessible conversation id (the page answers 404).
 */
export async function loadInboxData(db: Executor, actor: AccessSubject, request: InboxRequest) {
  const apps = await listAccessibleApps(db, actor);
  // A malformed or foreign app id shows the unfiltered first page (spec §10).
  const appId = request.app && isUuid(request.app) && apps.some((app) => app.id === request.app) ? request.app : null;
  const after = decodeCursor(request.after);
  const scope = narrowScope(actor, apps.map((app) => app.id), appId);

  const open = request.conversationId ? await findAccessibleConversation(db, actor, request.conversationId) : null;
  if (request.conversationId && !open) return { missing: true as const };

  // Read before the list is queried, so the row of the conversation being opened loses its dot now.
  if (open) await markConversationRead(db, open.conversation.id, actor.userId);
  const [counts, list, thread, assignees] = await Promise.all([
    countViews(db, actor, appId, scope),
    listConversations(db, actor, request.view, { after, scope }),
    open ? loadThreadPage(db, open.conversation.id) : null,
    open ? listAssignableUsers(db, open.app) : [],
  ]);
  return { missing: false as const, apps, appId, after, open, counts, list, thread, assignees };
}
