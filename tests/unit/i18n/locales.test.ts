import { describe, expect, it } from "vitest";
import { isLocale, localeFromAcceptLanguage } from "@/lib/i18n/locales";

describe("localeFromAcceptLanguage", () => {
  it.each([
    [undefined, "en"],
    [null, "en"],
    ["", "en"],
    ["cs", "cs"],
    ["cs-CZ", "cs"],
    ["CS-cz", "cs"],
    ["en-US,en;q=0.9", "en"],
    ["cs-CZ,cs;q=0.9,en;q=0.8", "cs"],
    ["en;q=0.5, cs;q=0.8", "cs"],
    ["de-DE,de;q=0.9,cs;q=0.7,en;q=0.5", "cs"],
    ["de-DE,fr;q=0.9", "en"],
    ["*", "en"],
    ["cs;q=0, en;q=0.1", "en"],
    ["cs;q=0", "en"],
    ["cs;q=abc, en", "en"],
    ["en, cs", "en"],
    ["  cs;q=1 ,  en;q=1", "cs"],
    [";;;,,,", "en"],
  ])("picks the language for %j: %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe("isLocale", () => {
  it.each([
    ["en", true],
    ["cs", true],
    ["de", false],
    ["EN", false],
    ["", false],
    [null, false],
    [42, false],
  ])("%j → %s", (value, expected) => {
    expect(isLocale(value)).toBe(expected);
  });
});
