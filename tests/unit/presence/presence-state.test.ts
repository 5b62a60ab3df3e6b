import { describe, expect, it } from "vitest";
import { applyPresence, prunePresence, shownPresence, type PresenceMap } from "@/components/inbox/presence/presence-state";
import { replyWhileTyping } from "@/components/inbox/presence/reply-collision";
import type { ThreadEntry } from "@/components/inbox/thread-entries";
import { TYPING_TTL_MS, VIEWING_TTL_MS } from "@/lib/presence/timing";
import type { ThreadMessage } from "@/lib/inbox/queries";

const empty: PresenceMap = new Map();
const t0 = 1_000_000;

describe("what a tab shows of its teammates' presence", () => {
  it("shows a typist as typing and a viewer as viewing, typing first", () => {
    let map = applyPresence(empty, { userId: "b", name: "Bob", state: "typing" }, t0);
    map = applyPresence(map, { userId: "c", name: "Carol", state: "viewing" }, t0);
    expect(shownPresence(map, t0 + 1)).toEqual({ typing: ["Bob"], viewing: ["Carol"] });
  });

  it("turns typing back into viewing once the typing TTL passes without a repeat", () => {
    const map = applyPresence(empty, { userId: "b", name: "Bob", state: "typing" }, t0);
    expect(shownPresence(map, t0 + TYPING_TTL_MS)).toEqual({ typing: [], viewing: ["Bob"] });
  });

  it("ends typing at once when the teammate says viewing again (a sent or cleared draft)", () => {
    let map = applyPresence(empty, { userId: "b", name: "Bob", state: "typing" }, t0);
    map = applyPresence(map, { userId: "b", name: "Bob", state: "viewing" }, t0 + 100);
    expect(shownPresence(map, t0 + 200)).toEqual({ typing: [], viewing: ["Bob"] });
  });

  it("removes a teammate who left at once, and one not heard from within 15 s by pruning", () => {
    let map = applyPresence(empty, { userId: "b", name: "Bob", state: "viewing" }, t0);
    map = applyPresence(map, { userId: "c", name: "Carol", state: "viewing" }, t0);
    map = applyPresence(map, { userId: "c", name: "Carol", state: "left" }, t0 + 10);
    expect(shownPresence(map, t0 + 20)).toEqual({ typing: [], viewing: ["Bob"] });
    expect(VIEWING_TTL_MS).toBeLessThanOrEqual(15_000);
    const pruned = prunePresence(map, t0 + VIEWING_TTL_MS);
    expect(shownPresence(pruned, t0 + VIEWING_TTL_MS)).toEqual({ typing: [], viewing: [] });
    expect(pruned.size).toBe(0);
  });

  it("keeps the same map when nothing expired, so nothing re-renders", () => {
    const map = applyPresence(empty, { userId: "b", name: "Bob", state: "viewing" }, t0);
    expect(prunePresence(map, t0 + 1)).toBe(map);
  });
});

function outbound(overrides: Partial<ThreadMessage>): ThreadEntry {
  const message = {
    id: overrides.id ?? "m1",
    direction: "outbound",
    text: "Hi",
    occurredAt: new Date(t0),
    senderName: "Bob",
    senderUserId: "bob",
    ...overrides,
  } as ThreadMessage;
  return { kind: "message", key: `m-${message.id}`, at: message.occurredAt, message };
}

describe("the someone-replied-while-you-were-typing warning", () => {
  it("names a teammate's reply sent after the draft began", () => {
    expect(replyWhileTyping([outbound({ occurredAt: new Date(t0 + 5) })], t0, "alice")).toEqual({ senderName: "Bob" });
  });

  it("says nothing about replies from before the draft, one's own replies, inbound messages, or without a draft", () => {
    const entries = [
      outbound({ id: "old", occurredAt: new Date(t0 - 1) }),
      outbound({ id: "mine", senderUserId: "alice", senderName: "Alice", occurredAt: new Date(t0 + 5) }),
      outbound({ id: "in", direction: "inbound", senderUserId: null, senderName: null, occurredAt: new Date(t0 + 5) }),
    ];
    expect(replyWhileTyping(entries, t0, "alice")).toBeNull();
    expect(replyWhileTyping([outbound({ occurredAt: new Date(t0 + 5) })], null, "alice")).toBeNull();
  });

  it("counts a reply sent from the provider's own inbox, which has no sender", () => {
    expect(replyWhileTyping([outbound({ senderUserId: null, senderName: null, occurredAt: new Date(t0 + 5) })], t0, "alice")).toEqual({
      senderName: null,
    });
  });
});
