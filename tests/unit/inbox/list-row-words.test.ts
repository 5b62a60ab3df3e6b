import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import cs from "@/lib/i18n/messages/cs.json";
import en from "@/lib/i18n/messages/en.json";
import { previewAuthorOf, waitingDuration, waitingSinceOf } from "@/lib/inbox/list-row-words";

const now = new Date("2026-12-02T12:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;

describe("waitingDuration", () => {
  it.each([
    [0, { unit: "minutes", count: 1 }],
    [-5 * MIN, { unit: "minutes", count: 1 }],
    [59 * 1000, { unit: "minutes", count: 1 }],
    [59 * MIN, { unit: "minutes", count: 59 }],
    [60 * MIN, { unit: "hours", count: 1 }],
    [2 * 60 * MIN + 59 * MIN, { unit: "hours", count: 2 }],
    [24 * 60 * MIN - 1, { unit: "hours", count: 23 }],
    [24 * 60 * MIN, { unit: "days", count: 1 }],
    [5 * 24 * 60 * MIN, { unit: "days", count: 5 }],
  ])("%d ms → %o", (elapsed, expected) => {
    expect(waitingDuration(ago(elapsed), now)).toEqual(expected);
  });
});

describe("the waiting marker's words", () => {
  const words = (messages: typeof en, unit: "minutes" | "hours" | "days", count: number, locale: string) => {
    const t = createTranslator({ locale, messages, namespace: "inbox" });
    return t("waiting", { duration: t(`waitingFor.${unit}`, { count }) });
  };

  it.each([
    ["minutes", 1, "Waiting · 1 min"],
    ["hours", 2, "Waiting · 2 h"],
    ["days", 1, "Waiting · 1 day"],
    ["days", 3, "Waiting · 3 days"],
  ] as const)("English: %s %d → %s", (unit, count, expected) => {
    expect(words(en, unit, count, "en")).toBe(expected);
  });

  it.each([
    ["minutes", 1, "Čeká · 1 minuta"],
    ["minutes", 3, "Čeká · 3 minuty"],
    ["minutes", 5, "Čeká · 5 minut"],
    ["hours", 1, "Čeká · 1 hodina"],
    ["hours", 2, "Čeká · 2 hodiny"],
    ["hours", 21, "Čeká · 21 hodin"],
    ["days", 1, "Čeká · 1 den"],
    ["days", 4, "Čeká · 4 dny"],
    ["days", 12, "Čeká · 12 dní"],
  ] as const)("Czech: %s %d → %s", (unit, count, expected) => {
    expect(words(cs as typeof en, unit, count, "cs")).toBe(expected);
  });
});

describe("previewAuthorOf", () => {
  const viewer = "viewer-id";
  it.each([
    ["the customer's message", { direction: "inbound", authorId: null, authorName: null }, null],
    ["no message yet", { direction: null, authorId: null, authorName: null }, null],
    ["the viewer's reply", { direction: "outbound", authorId: viewer, authorName: "Alice Admin" }, { kind: "you" }],
    ["a teammate's reply (first name)", { direction: "outbound", authorId: "bob", authorName: "  Bob  Member " }, { kind: "teammate", name: "Bob" }],
    ["an echo of the page (no user)", { direction: "outbound", authorId: null, authorName: null }, { kind: "team" }],
  ] as const)("%s", (_what, last, expected) => {
    expect(previewAuthorOf(last, viewer)).toEqual(expected);
  });
});

describe("waitingSinceOf", () => {
  const at = ago(10 * MIN);
  it.each([
    ["open, the customer wrote last", { status: "open", direction: "inbound", previewAt: at, lastMessageAt: now }, at],
    ["open, no preview time kept: the last message's", { status: "open", direction: "inbound", previewAt: null, lastMessageAt: now }, now],
    ["open, we replied last", { status: "open", direction: "outbound", previewAt: at, lastMessageAt: at }, null],
    ["closed, the customer wrote last", { status: "closed", direction: "inbound", previewAt: at, lastMessageAt: at }, null],
  ] as const)("%s", (_what, row, expected) => {
    expect(waitingSinceOf(row)).toEqual(expected);
  });
});
