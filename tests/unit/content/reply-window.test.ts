import { describe, expect, it } from "vitest";
import { replyWindow } from "@/lib/content/reply-window";

const HOUR = 60 * 60 * 1000;
const wrote = new Date("2026-12-01T10:00:00Z");
const after = (hours: number) => new Date(wrote.getTime() + hours * HOUR);

describe("the reply window (SPEC §14)", () => {
  it("is open for 24 hours after the customer's last message on both providers", () => {
    for (const provider of ["messenger", "whatsapp"] as const) {
      expect(replyWindow(provider, wrote, after(23.9))).toEqual({ kind: "open", until: after(24) });
    }
  });

  it("leaves WhatsApp only templates after 24 hours", () => {
    expect(replyWindow("whatsapp", wrote, after(24))).toEqual({ kind: "template_only" });
    expect(replyWindow("whatsapp", wrote, after(24 * 30))).toEqual({ kind: "template_only" });
  });

  it("lets Messenger replies carry the HUMAN_AGENT tag until 7 days, then nothing", () => {
    expect(replyWindow("messenger", wrote, after(24))).toEqual({ kind: "human_agent", until: after(24 * 7) });
    expect(replyWindow("messenger", wrote, after(24 * 7 - 0.1))).toMatchObject({ kind: "human_agent" });
    expect(replyWindow("messenger", wrote, after(24 * 7))).toEqual({ kind: "closed" });
  });

  it("says nothing when the customer has not written", () => {
    expect(replyWindow("messenger", null)).toEqual({ kind: "unknown" });
  });
});
