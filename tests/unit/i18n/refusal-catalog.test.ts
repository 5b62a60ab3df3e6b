import { describe, expect, it } from "vitest";
import cs from "@/lib/i18n/messages/cs.json";
import en from "@/lib/i18n/messages/en.json";
import { REFUSALS } from "@/lib/refusals";

describe("refusal reasons", () => {
  it.each([
    ["English", en.refusals],
    ["Czech", cs.refusals],
  ])("each has its text in the %s catalog, and the catalog holds no other", (_language, catalog) => {
    expect(Object.keys(catalog).sort()).toEqual([...REFUSALS].sort());
    for (const reason of REFUSALS) expect((catalog as Record<string, string>)[reason]).toMatch(/\S/);
  });

  it("lists each reason once", () => {
    expect(new Set(REFUSALS).size).toBe(REFUSALS.length);
  });
});
