import { describe, expect, it } from "vitest";
import cs from "@/lib/i18n/messages/cs.json";
import { DAY_DIVIDER_FORMAT, WEEKDAY_TIME_FORMAT } from "@/lib/i18n/date-formats";

type Catalog = { [key: string]: string | Catalog };

function leaves(catalog: Catalog, prefix = ""): [string, string][] {
  return Object.entries(catalog).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === "object" ? leaves(value, path) : [[path, value] as [string, string]];
  });
}

// Issue 16 item 9 (docs/decisions.md): Czech texts are written gender-neutrally, never with
// "(a)" or "/á" endings, and the user's own state is not a masculine adjective.
describe("Czech wording", () => {
  const texts = leaves(cs as Catalog);

  it("has no (a), (á) or /a, /á, /jí gender endings", () => {
    const slashed = texts.filter(([, text]) => /\((a|á|y|i)\)|[a-záéíýůú]\/(a|á|jí|ka)\b/.test(text));
    expect(slashed).toEqual([]);
  });

  it("names availability without a gendered adjective, except the toggle, which SPEC §11 names", () => {
    const availability = texts.filter(([key]) => /(^|\.)(available|unavailable)$/.test(key) && !key.startsWith("inbox.availability."));
    expect(availability.length).toBeGreaterThan(0);
    for (const [, text] of availability) expect(text).toMatch(/^(K dispozici|Není k dispozici)$/);
    const toggle = (cs as unknown as { inbox: { availability: { available: string; unavailable: string } } }).inbox.availability;
    expect([toggle.available, toggle.unavailable]).toEqual(["Dostupný", "Nedostupný"]);
  });

  it("words every activity line as '{actor}: …' or without an actor", () => {
    const activity = leaves((cs as unknown as { conversation: { activity: Catalog } }).conversation.activity);
    for (const [, text] of activity) expect(text).not.toMatch(/\{actor\} [a-zěščřžýáíé]/);
  });
});

describe("date formats", () => {
  const monday = new Date("2026-11-30T12:00:00Z");
  const format = (locale: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: "Europe/Prague" }).format(monday);

  it("spell out the weekday in the thread's day divider", () => {
    expect(format("cs", DAY_DIVIDER_FORMAT)).toBe("pondělí 30. listopadu 2026");
    expect(format("en", DAY_DIVIDER_FORMAT)).toBe("Monday, November 30, 2026");
  });

  it("spell out the weekday next to a time (snooze, reply window)", () => {
    expect(format("cs", WEEKDAY_TIME_FORMAT)).toMatch(/^pondělí 30\. 11\./);
    expect(format("en", WEEKDAY_TIME_FORMAT)).toMatch(/^Monday, Nov 30/);
  });
});
