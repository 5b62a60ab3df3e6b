import { describe, expect, it } from "vitest";
import cs from "@/lib/i18n/messages/cs.json";
import en from "@/lib/i18n/messages/en.json";

type Catalog = { [key: string]: string | Catalog };

/** Every leaf as "path.to.key" → text. */
function leaves(catalog: Catalog, prefix = ""): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") {
      for (const [child, text] of leaves(value, path)) found.set(child, text);
    } else {
      found.set(path, value);
    }
  }
  return found;
}

/** `{name}`, `{count, plural, …}`: the arguments a message expects, which both languages must use. */
function argumentsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((match) => match[1]!))].sort();
}

const catalogs = { en: leaves(en as Catalog), cs: leaves(cs as Catalog) };

describe("message catalogs", () => {
  it("have every English key in Czech", () => {
    const missing = [...catalogs.en.keys()].filter((key) => !catalogs.cs.has(key));
    expect(missing, `keys in en.json missing from cs.json:\n  ${missing.join("\n  ")}`).toEqual([]);
  });

  it("have every Czech key in English", () => {
    const missing = [...catalogs.cs.keys()].filter((key) => !catalogs.en.has(key));
    expect(missing, `keys in cs.json missing from en.json:\n  ${missing.join("\n  ")}`).toEqual([]);
  });

  it.each(Object.entries(catalogs))("have no empty or non-text messages in %s", (_, catalog) => {
    const bad = [...catalog].filter(([, text]) => typeof text !== "string" || text.trim() === "").map(([key]) => key);
    expect(bad, `empty or non-string messages:\n  ${bad.join("\n  ")}`).toEqual([]);
  });

  it("use the same arguments in both languages", () => {
    const mismatched = [...catalogs.en]
      .filter(([key]) => catalogs.cs.has(key))
      .filter(([key, text]) => argumentsOf(String(text)).join() !== argumentsOf(String(catalogs.cs.get(key))).join())
      .map(([key]) => key);
    expect(mismatched, `messages whose {arguments} differ between en and cs:\n  ${mismatched.join("\n  ")}`).toEqual([]);
  });

  it.each([
    ["inbox.viewNames.unassigned", "Unassigned", "Nepřiřazené"],
    ["inbox.viewNames.mine", "Assigned to me", "Přiřazeno mně"],
    ["inbox.viewNames.others", "Assigned to others", "Přiřazeno ostatním"],
    ["inbox.viewNames.closed", "Closed", "Uzavřené"],
    ["nav.messaging", "Messaging", "Zprávy"],
  ])("name %s as spec §11 says", (key, english, czech) => {
    expect([catalogs.en.get(key), catalogs.cs.get(key)]).toEqual([english, czech]);
  });
});
