import "server-only";
import type { Executor } from "@/db/client";
import type { AccessSubject } from "@/lib/apps/access";
import { loadOpenConversation } from "@/lib/inbox/load-open-conversation";
import { countViews } from "@/lib/inbox/queries";
import { decodeCursor } from "@/lib/keyset-cursor";
import { searchConversations } from "./search-conversations";
import { parseSearchQuery } from "./search-query";

export type SearchRequest = { q: string | null; after: string | null; conversationId: string | null };

/**
 * Everything the search page reads for one URL (SPEC §13), like loadInbox for a view: the
 * counts beside the views, the results, and the open result when the URL names one (`missing`
 * for an unknown or inaccessible id: the page answers 404). Nothing is searched for input
 * with no words in it.
 */
export async function loadSearch(db: Executor, actor: AccessSubject, request: SearchRequest) {
  const query = parseSearchQuery(request.q);
  const after = decodeCursor(request.after);
  const [open, counts, found] = await Promise.all([
    request.conversationId ? loadOpenConversation(db, actor, request.conversationId) : null,
    countViews(db, actor, null),
    query ? searchConversations(db, actor, query, { after }) : { results: [], nextCursor: null },
  ]);
  if (request.conversationId && !open) return { missing: true as const };
  return { missing: false as const, query, after, open, counts, ...found };
}
