import type { View } from "@/lib/inbox/views";

/** One builder for inbox URLs, so the view, app filter and page survive every link. */
export function inboxHref(view: View, options: { conversationId?: string; appId?: string | null; after?: string | null } = {}): string {
  const path = options.conversationId ? `/messaging/${view}/${options.conversationId}` : `/messaging/${view}`;
  const query = new URLSearchParams();
  if (options.appId) query.set("app", options.appId);
  if (options.after) query.set("after", options.after);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}
