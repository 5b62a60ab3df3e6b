/** Search URLs (SPEC §10): the words, an open result and the page survive every link. */
export function searchHref(text: string, options: { conversationId?: string; after?: string | null } = {}): string {
  const path = options.conversationId ? `/messaging/search/${options.conversationId}` : "/messaging/search";
  const query = new URLSearchParams();
  if (text) query.set("q", text);
  if (options.after) query.set("after", options.after);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}
