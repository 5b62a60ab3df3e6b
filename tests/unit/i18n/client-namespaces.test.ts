import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_SCOPES, pickMessages, type ClientScope } from "@/lib/i18n/client-namespaces";
import cs from "@/lib/i18n/messages/cs.json";
import en from "@/lib/i18n/messages/en.json";

/** Where each folder's client components are shown: their texts must be in that scope. */
const FOLDER_SCOPES: Record<string, ClientScope> = {
  "components/inbox": "inbox",
  "components/notifications": "inbox",
  "components/crm": "crm",
  "components/shell": "shell",
  "components/settings": "settings",
  "components/team": "settings",
  "components/auth": "public",
  "components/search": "inbox",
  "components/keyboard": "inbox",
  // The / picker in the reply box reads only canned.picker, which the inbox scope carries too.
  "components/canned": "settings",
};

function namespacesUsedIn(folder: string): { file: string; namespace: string }[] {
  return readdirSync(folder)
    .filter((name) => /\.tsx?$/.test(name))
    .flatMap((name) => {
      const source = readFileSync(path.join(folder, name), "utf8");
      return [...source.matchAll(/useTranslations\("([^"]+)"\)/g)].map((match) => ({ file: name, namespace: match[1]! }));
    });
}

const covers = (scope: ClientScope, namespace: string) =>
  CLIENT_SCOPES[scope].some((path: string) => namespace === path || namespace.startsWith(`${path}.`));

describe("client catalog scopes", () => {
  it("name only parts that exist in both catalogs", () => {
    for (const paths of Object.values(CLIENT_SCOPES)) {
      for (const catalog of [en, cs]) {
        expect(Object.keys(pickMessages(catalog, [...paths])).length).toBeGreaterThan(0);
        for (const one of paths) expect(pickMessages(catalog, [one]), one).not.toEqual({});
      }
    }
  });

  it.each(Object.entries(FOLDER_SCOPES))("cover every namespace the client components in %s read", (folder, scope) => {
    const missing = namespacesUsedIn(folder).filter(({ namespace }) => !covers(scope, namespace));
    expect(missing).toEqual([]);
  });

  it("send the inbox far less than the whole catalog, in the catalog's own shape", () => {
    const inbox = pickMessages(en, [...CLIENT_SCOPES.inbox]);
    expect(inbox.inbox).toEqual(en.inbox);
    const shell = pickMessages(en, [...CLIENT_SCOPES.shell]);
    expect(shell.notifications).toEqual({ toast: en.notifications.toast, browser: en.notifications.browser });
    expect(inbox).not.toHaveProperty("settings");
    expect(inbox).not.toHaveProperty("accountEmails");
    expect(JSON.stringify(inbox).length).toBeLessThan(JSON.stringify(en).length * 0.6);
  });

  it("skips a path that is not in the catalog", () => {
    expect(pickMessages(en, ["nowhere.at.all", "nav"])).toEqual({ nav: en.nav });
  });
});
