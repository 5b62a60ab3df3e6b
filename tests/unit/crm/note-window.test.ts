import { describe, expect, it } from "vitest";
import { joinsCurrentNote, NOTE_WINDOW_MS, type CurrentNote } from "@/lib/crm/note-window";

/**
 * Spec §7's 24-hour rule with an injected clock: every time is an offset from a fixed
 * moment, so nothing depends on when the test runs.
 */

const T0 = new Date("2025-03-10T09:00:00.000Z");
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const at = (offsetMs: number, from: Date = T0) => new Date(from.getTime() + offsetMs);
const noteStartedAt = (start: Date, editedAt: Date | null = null): CurrentNote => ({ windowStartAt: start, editedAt });

describe("joinsCurrentNote", () => {
  it("has a window of exactly 24 hours", () => {
    expect(NOTE_WINDOW_MS).toBe(DAY);
  });

  it.each([
    { offset: "−5 min (a late webhook stamped before the note began)", ms: -5 * MINUTE, joins: true },
    { offset: "+0", ms: 0, joins: true },
    { offset: "+1 min", ms: MINUTE, joins: true },
    { offset: "+23h59m59s", ms: 23 * HOUR + 59 * MINUTE + 59 * SECOND, joins: true },
    { offset: "+24h − 1 ms", ms: DAY - 1, joins: true },
    { offset: "+24h", ms: DAY, joins: false },
    { offset: "+24h + 1 ms", ms: DAY + 1, joins: false },
    { offset: "+25h", ms: 25 * HOUR, joins: false },
    { offset: "+3 days", ms: 3 * DAY, joins: false },
  ])("a message at $offset after the note started joins it: $joins", ({ ms, joins }) => {
    expect(joinsCurrentNote(noteStartedAt(T0), at(ms))).toBe(joins);
  });

  it.each([
    { offset: "+0", ms: 0 },
    { offset: "+1 min", ms: MINUTE },
    { offset: "+23h59m59s", ms: 23 * HOUR + 59 * MINUTE + 59 * SECOND },
    { offset: "+3 days", ms: 3 * DAY },
  ])("a message at $offset never joins a note a person edited", ({ ms }) => {
    const edited = noteStartedAt(T0, at(30 * SECOND));
    expect(joinsCurrentNote(edited, at(ms))).toBe(false);
  });

  it.each([
    { offset: "+0", ms: 0 },
    { offset: "+1 min", ms: MINUTE },
    { offset: "+3 days", ms: 3 * DAY },
  ])("a message at $offset after a person deleted the note starts a new one", ({ ms }) => {
    expect(joinsCurrentNote(null, at(ms))).toBe(false);
  });

  describe("unlinked and relinked", () => {
    // Linked at T0, unlinked, relinked 20 hours later: relinking writes a new note, whose window
    // starts at the relink, not at the first note's start.
    const relinkedAt = at(20 * HOUR);
    const afterRelink = noteStartedAt(relinkedAt);

    it.each([
      { offset: "relink +0", ms: 0, joins: true },
      { offset: "relink +5h (25h after the first note)", ms: 5 * HOUR, joins: true },
      { offset: "relink +23h59m59s", ms: 23 * HOUR + 59 * MINUTE + 59 * SECOND, joins: true },
      { offset: "relink +24h", ms: DAY, joins: false },
      { offset: "relink +24h + 1 ms", ms: DAY + 1, joins: false },
    ])("a message at $offset joins the new note: $joins", ({ ms, joins }) => {
      expect(joinsCurrentNote(afterRelink, at(ms, relinkedAt))).toBe(joins);
    });

    it("a message 25 hours after the first note's start would not have joined that note", () => {
      expect(joinsCurrentNote(noteStartedAt(T0), at(5 * HOUR, relinkedAt))).toBe(false);
    });
  });
});
