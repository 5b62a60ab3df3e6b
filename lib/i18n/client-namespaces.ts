import type { Messages } from "./messages";

/**
 * Which catalog parts each part of the app sends to the browser (issue 13): client components
 * read their texts from the nearest <ClientMessages>, and a nested one replaces the outer one,
 * so each scope lists everything under it. Server components and jobs read the whole catalog
 * and are not limited by this. A name is a top-level namespace or a dotted path into one.
 *
 * Adding client texts: put them in a namespace of your own and add it to the scope of the pages
 * that show them (tests/unit/i18n/client-namespaces.test.ts checks the usual folders).
 */
const BASE = ["common", "errors", "refusals", "conversation.dismiss"] as const;
/** Navigation, user menu, availability and toasts: the (app) layout around every signed-in page. */
const SHELL = [
  ...BASE,
  "nav",
  "userMenu",
  "inbox.availability",
  "notifications.toast",
  "notifications.browser",
] as const;

export const CLIENT_SCOPES = {
  /** Sign-in, sign-up, setup, password and invitation pages (the root layout). */
  public: [...BASE, "login", "accounts"],
  shell: SHELL,
  inbox: [...SHELL, "inbox", "conversation", "content", "crm", "notifications", "presence", "notes", "snooze", "replyFiles", "templates", "autoAssign", "search", "keyboard", "canned.picker"],
  crm: [...SHELL, "crm", "content"],
  settings: [...SHELL, "settings", "team", "accounts", "notifications", "autoAssign.settings", "canned"],
} as const satisfies Record<string, readonly string[]>;

export type ClientScope = keyof typeof CLIENT_SCOPES;

type Tree = { [key: string]: string | Tree };

/** The parts of `messages` that `paths` name, in the catalog's own shape; unknown paths give nothing. */
export function pickMessages(
  messages: Messages | Tree,
  paths: readonly string[],
): Tree {
  const picked: Tree = {};
  for (const path of paths) {
    const keys = path.split(".");
    let from: string | Tree | undefined = messages as Tree;
    for (const key of keys)
      from = typeof from === "object" ? from[key] : undefined;
    if (from === undefined) continue;
    let into = picked;
    for (const key of keys.slice(0, -1)) {
      const next = into[key];
      into = typeof next === "object" ? next : (into[key] = {});
    }
    into[keys.at(-1)!] = from;
  }
  return picked;
}
