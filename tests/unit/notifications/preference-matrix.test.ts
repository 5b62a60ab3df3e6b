import { describe, expect, it } from "vitest";
import { EVENT_LABEL_KEYS, hasPreferenceChanges, withPreference } from "@/components/notifications/preference-matrix";
import { DEFAULT_PREFERENCES, NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS } from "@/lib/notifications/events";
import en from "@/lib/i18n/messages/en.json";

describe("hasPreferenceChanges", () => {
  it("sees nothing to save in an equal matrix that is a different object", () => {
    expect(hasPreferenceChanges(structuredClone(DEFAULT_PREFERENCES), DEFAULT_PREFERENCES)).toBe(false);
  });

  const every = NOTIFICATION_EVENTS.flatMap((event) => NOTIFICATION_CHANNELS.map((channel) => [event, channel] as const));
  it.each(every)("sees a change when %s × %s flips", (event, channel) => {
    const draft = withPreference(DEFAULT_PREFERENCES, event, channel, !DEFAULT_PREFERENCES[event][channel]);
    expect(hasPreferenceChanges(draft, DEFAULT_PREFERENCES)).toBe(true);
  });

  it("sees nothing to save once a flipped choice is flipped back", () => {
    const flipped = withPreference(DEFAULT_PREFERENCES, "message.unassigned", "email", true);
    expect(hasPreferenceChanges(withPreference(flipped, "message.unassigned", "email", false), DEFAULT_PREFERENCES)).toBe(false);
  });
});

describe("withPreference", () => {
  it("changes one choice and leaves the given matrix as it was", () => {
    const before = structuredClone(DEFAULT_PREFERENCES);
    const after = withPreference(DEFAULT_PREFERENCES, "message.assigned_to_others", "desktop", true);
    expect(after["message.assigned_to_others"]).toEqual({ desktop: true, email: false });
    expect(after["message.assigned_to_me"]).toBe(DEFAULT_PREFERENCES["message.assigned_to_me"]);
    expect(DEFAULT_PREFERENCES).toEqual(before);
  });
});

describe("EVENT_LABEL_KEYS", () => {
  it("names every event with a catalog key that has a text", () => {
    for (const event of NOTIFICATION_EVENTS) {
      expect(en.notifications.events[EVENT_LABEL_KEYS[event]]).toEqual(expect.any(String));
    }
  });
});
