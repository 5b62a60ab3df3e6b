import { describe, it, expect } from "vitest";
import { describeTwilioError } from "@/lib/channels/whatsapp/errors";

describe("describeTwilioError", () => {
  it.each([
    [
      "63016 as a string",
      "63016",
      "Failed to send freeform message because you are outside the allowed window.",
      "Outside the 24-hour customer service window: WhatsApp only allows template messages now (Twilio error 63016)",
    ],
    [
      "63016 as a number",
      63016,
      null,
      "Outside the 24-hour customer service window: WhatsApp only allows template messages now (Twilio error 63016)",
    ],
    ["a code with a message", 21211, "Invalid 'To' Phone Number", "Invalid 'To' Phone Number (Twilio error 21211)"],
    ["a code alone", "30003", undefined, "Twilio error 30003"],
    ["a message alone", null, "Unknown destination", "Unknown destination"],
    ["nothing", "", undefined, "Twilio reported a failure without an error code"],
  ])("describes %s", (_case, code, message, expected) => {
    expect(describeTwilioError(code, message)).toBe(expected);
  });
});
