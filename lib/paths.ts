import type { RecordType } from "@/lib/record-types";
import type { View } from "@/lib/views";

/**
 * The app's URLs (SPEC §10), built in one place: pages, links, redirects, revalidation and the
 * links in emails and pushes all use these. Browser-safe: type imports only.
 */

/** Every inbox and search page sits under it (revalidation, "is this the inbox?"). */
export const MESSAGING_PATH = "/messaging";
export const SEARCH_PATH = "/messaging/search";
export const LOGIN_PATH = "/login";
export const SETUP_PATH = "/setup";
export const FORGOT_PASSWORD_PATH = "/forgot-password";
export const HELP_NOTIFICATIONS_PATH = "/help/notifications";

export const SETTINGS_PATH = "/settings";
export const SETTINGS_PATHS = {
  messagingApps: "/settings/integrations/messaging",
  integrations: "/settings/integrations",
  team: "/settings/team",
  cannedResponses: "/settings/canned-responses",
  account: "/settings/account",
} as const;

/** Where each kind of CRM record lives. */
export const RECORD_LIST_PATHS = { person: "/persons", lead: "/leads", deal: "/deals" } as const satisfies Record<RecordType, string>;

/** One builder for inbox URLs, so the view, app filter and page survive every link. */
export function inboxHref(view: View, options: { conversationId?: string; appId?: string | null; after?: string | null } = {}): string {
  const path = options.conversationId ? `${MESSAGING_PATH}/${view}/${options.conversationId}` : `${MESSAGING_PATH}/${view}`;
  const query = new URLSearchParams();
  if (options.appId) query.set("app", options.appId);
  if (options.after) query.set("after", options.after);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The first page after signing in, and every "back to the inbox" link. */
export const HOME_PATH = inboxHref("unassigned");

/** Search URLs (SPEC §10): the words, an open result and the page survive every link. */
export function searchHref(text: string, options: { conversationId?: string; after?: string | null } = {}): string {
  const path = options.conversationId ? `${SEARCH_PATH}/${options.conversationId}` : SEARCH_PATH;
  const query = new URLSearchParams();
  if (text) query.set("q", text);
  if (options.after) query.set("after", options.after);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The view-independent link of notes, notifications and emails: it opens the conversation wherever it is now. */
export function conversationHref(conversationId: string): string {
  return `${MESSAGING_PATH}/c/${conversationId}`;
}

export function recordHref(type: RecordType, id: string): string {
  return `${RECORD_LIST_PATHS[type]}/${id}`;
}

/** Where each kind of one-time token is opened (account emails, spec §12). */
export const TOKEN_PATHS = {
  invitation: "/invite",
  passwordReset: "/reset-password",
  magicLink: "/login/link",
  emailChange: "/confirm-email",
} as const;

export function tokenHref(kind: keyof typeof TOKEN_PATHS, token: string): string {
  return `${TOKEN_PATHS[kind]}/${token}`;
}
