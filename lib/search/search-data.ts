import "server-only";
import type { Executor } from "@/db/client";
import { findAccessibleConversation, type AccessSubject } from "@/lib/apps/access";
import { listAssignableUsers } from "@/lib/inbox/assignable-users";
import { countViews, loadThreadPage } from "@/lib/inbox/queries";
import { markConversationRead } from "@/lib/inbox/read-markers";
import { decodeCursor } from "@/lib/inbox/views";
import { searchConversations } from "./search-conversations";
import { parseSearchQuery } from "./search-query";

export type SearchRequest = { q: string | null; after: string | null; conversationId: string | null };

/**
 * Everything the search page reads for one URL (SPEC §13), like loadInboxData for a view:
 * the counts beside the views, the results, and the open result when the URL names one
 * (`missing` for an unknown or inaccessible id: the page answers 404). Nothing is searched
 * for input with no words in it.
 */
export async function loadSearchData(db: Executor, actor: AccessSubject, request: SearchRequest) {
  const query = parseSearchQuery(request.q);
  const after = decodeCursor(request.after);
  const open = request.conversationId ? await findAccessibleConversation(db, actor, request.conversationId) : null;
  if (request.conversationId && !open) return { missing: true as const };
  if (open) await markConversationRead(db, open.conversation.id, actor.userId);
  const [counts, found, thread, assignees] = await Promise.all([
    countViews(db, actor, null),
    query ? searchConversations(db, actor, query, { after }) : { results: [], nextCursor: null },
    open ? loadThreadPage(db, open.conversation.id) : null,
    open ? listAssignableUsers(db, open.app) : [],
  ]);
  return { missing: false as const, query, after, open, counts, ...found, thread, assignees };
}
