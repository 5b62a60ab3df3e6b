import { describe, expect, it } from "vitest";
import { checkSnoozeTime, snoozePresets } from "@/lib/snooze/snooze-time";

const now = new Date(2026, 11, 2, 14, 30); // Wednesday 2 Dec 2026, 14:30 local time
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe("which wake-up times a snooze takes", () => {
  it.each([
    ["in an hour", minutes(60), true],
    ["in 364 days", minutes(364 * 24 * 60), true],
    ["in the past", minutes(-5), "snooze_in_past"],
    ["now", now, "snooze_in_past"],
    ["in 30 seconds", new Date(now.getTime() + 30_000), "snooze_in_past"],
    ["in 400 days", minutes(400 * 24 * 60), "snooze_too_far"],
    ["an invalid date", new Date("nonsense"), "snooze_in_past"],
  ])("%s", (_, until, expected) => {
    const result = checkSnoozeTime(until, now);
    expect(result.ok ? true : result.reason).toBe(expected);
  });
});

describe("the Snooze menu's choices, in local time", () => {
  it("offers an hour from now, tomorrow 9:00 and next Monday 9:00", () => {
    const presets = snoozePresets(now);
    expect(presets.oneHour).toEqual(minutes(60));
    expect(presets.tomorrow).toEqual(new Date(2026, 11, 3, 9, 0));
    expect(presets.nextWeek).toEqual(new Date(2026, 11, 7, 9, 0));
  });

  it("on a Monday, next week is a week away; on a Sunday, tomorrow", () => {
    expect(snoozePresets(new Date(2026, 11, 7, 8, 0)).nextWeek).toEqual(new Date(2026, 11, 14, 9, 0));
    expect(snoozePresets(new Date(2026, 11, 6, 20, 0)).nextWeek).toEqual(new Date(2026, 11, 7, 9, 0));
  });
});
