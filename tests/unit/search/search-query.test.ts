import { describe, expect, it } from "vitest";
import { excerptAround, highlightMatches, parseSearchQuery, SEARCH_MAX_LENGTH } from "@/lib/search/search-query";

describe("parseSearchQuery", () => {
  it("gives nothing to search for empty, punctuation-only, one-letter or non-string input", () => {
    for (const raw of ["", "   ", "%_%'\";--", "a b c", "!!!", null, undefined, ["x"], 42]) expect(parseSearchQuery(raw), String(raw)).toBeNull();
  });

  it("keeps only letters-and-digits words, lower-cased and unique, so no operator reaches SQL", () => {
    expect(parseSearchQuery("  Jana  NOVÁKOVÁ jana ")).toEqual({ text: "Jana  NOVÁKOVÁ jana", words: ["jana", "nováková"], digits: null });
    expect(parseSearchQuery("'; drop table x; -- %_ a:* & b|c")?.words).toEqual(["drop", "table"]);
  });

  it("reads phone-like input as its digits, with or without +, spaces, dashes or whatsapp:", () => {
    for (const raw of ["+420 601 234 567", "420-601-234-567", "whatsapp:+420601234567", "(420) 601234567"]) {
      expect(parseSearchQuery(raw)?.digits, raw).toBe("420601234567");
    }
    expect(parseSearchQuery("12")?.digits).toBeNull();
    expect(parseSearchQuery("room 101")?.digits).toBeNull();
  });

  it("caps the text at 200 characters, counting an emoji as one", () => {
    const query = parseSearchQuery(`${"🙂".repeat(150)} ${"x".repeat(300)}`)!;
    expect(Array.from(query.text)).toHaveLength(SEARCH_MAX_LENGTH);
  });
});

describe("highlightMatches", () => {
  it("marks words regardless of accents and case, as plain text parts", () => {
    expect(highlightMatches("Jana Nováková", ["novakova"])).toEqual([
      { text: "Jana ", match: false },
      { text: "Nováková", match: true },
    ]);
    expect(highlightMatches("DOBRÝ den, dobrý!", ["dobry"]).filter((part) => part.match).map((part) => part.text)).toEqual(["DOBRÝ", "dobrý"]);
    expect(highlightMatches("Dobrý den, máte předvedení?", ["den"]).filter((part) => part.match).map((part) => part.text)).toEqual(["den"]);
  });

  it("keeps decomposed accents and emoji whole, and markup is just text", () => {
    const decomposed = "Nova\u0301kova\u0301";
    expect(highlightMatches(decomposed, ["novakova"])).toEqual([{ text: decomposed, match: true }]);
    expect(highlightMatches("<b>jana</b> 🙂", ["jana"])).toEqual([
      { text: "<b>", match: false },
      { text: "jana", match: true },
      { text: "</b> 🙂", match: false },
    ]);
  });
});

describe("excerptAround", () => {
  it("shows the part of a long message around its first match", () => {
    const text = `${"filler ".repeat(40)}the invoice number is 42 ${"more ".repeat(40)}`;
    const excerpt = excerptAround(text, ["invoice"], 60);
    expect(excerpt).toContain("invoice");
    expect(excerpt.startsWith("…")).toBe(true);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerptAround("short text", ["text"])).toBe("short text");
  });
});
