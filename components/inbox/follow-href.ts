import type { View } from "@/lib/views";
import { inboxHref } from "@/lib/paths";

type Location = { pathname: string; search: string };

/**
 * Where the open conversation's URL goes once an action moved it to `view` (issue 16): the same
 * conversation under its new view, the app filter kept. Null when it stays put: it is already
 * in that view, or it is a search result (search has no views).
 */
export function followHref(location: Location, view: View, conversationId: string): string | null {
  const [, section, currentView] = location.pathname.split("/");
  if (section !== "messaging" || currentView === "search" || currentView === view) return null;
  return inboxHref(view, { conversationId, appId: new URLSearchParams(location.search).get("app") });
}

/** The list the open conversation sits in, with its filter and page: where "close and go to next" ends when no row is left. */
export function listHrefOf(location: Location, conversationId: string): string {
  const suffix = `/${conversationId}`;
  const path = location.pathname.endsWith(suffix) ? location.pathname.slice(0, -suffix.length) : location.pathname;
  return path + location.search;
}
