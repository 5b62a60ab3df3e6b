import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { batcher, dispatchLiveEvent, recentlyChanged } from "@/components/inbox/live-bus";

/** A flush whose answers the test releases by hand, in any order. */
function controlledFlush() {
  const calls: { ids: string[]; answer: () => void; fail: () => void }[] = [];
  const flush = (ids: string[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ ids, answer: resolve, fail: () => reject(new Error("503")) });
    });
  return { calls, flush };
}

describe("the live fetch batcher", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("hands a burst of ids over in one flush", async () => {
    const { calls, flush } = controlledFlush();
    const batch = batcher(100, flush);
    batch.add("a");
    batch.add("b");
    batch.add("a");
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((call) => call.ids)).toEqual([["a", "b"]]);
  });

  it("hands over at most maxBatch ids per flush and sends the rest in the next one, none lost", async () => {
    const { calls, flush } = controlledFlush();
    const batch = batcher(100, flush, { maxBatch: 2 });
    for (const id of ["a", "b", "c", "d", "e"]) batch.add(id);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((call) => call.ids)).toEqual([["a", "b"]]);
    calls[0]!.answer();
    await vi.advanceTimersByTimeAsync(100);
    calls[1]!.answer();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((call) => call.ids)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("starts no second fetch while one is in flight, so a newer answer is never overtaken by an older one", async () => {
    const { calls, flush } = controlledFlush();
    const batch = batcher(100, flush);
    batch.add("a");
    await vi.advanceTimersByTimeAsync(100);
    batch.add("a");
    batch.add("b");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);

    calls[0]!.answer();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((call) => call.ids)).toEqual([["a"], ["a", "b"]]);
  });

  it("retries a failed flush with its ids, and gives up after a few failures", async () => {
    const { calls, flush } = controlledFlush();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const batch = batcher(100, flush);
    batch.add("a");
    await vi.advanceTimersByTimeAsync(100);
    calls[0]!.fail();
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.map((call) => call.ids)).toEqual([["a"], ["a"]]);

    calls[1]!.fail();
    await vi.advanceTimersByTimeAsync(400);
    calls[2]!.fail();
    await vi.advanceTimersByTimeAsync(800);
    calls[3]!.fail();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(4);
  });

  it("flushes nothing once cancelled", async () => {
    const { calls, flush } = controlledFlush();
    const batch = batcher(100, flush);
    batch.add("a");
    batch.cancel();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(0);
  });
});

describe("the events a list rendered late takes in again", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("names the conversations of the last 10 seconds, of the list's app or all, once each, and forgets older ones", async () => {
    const a = "00000000-0000-4000-8000-0000000000a1";
    const b = "00000000-0000-4000-8000-0000000000b1";
    dispatchLiveEvent({ type: "message.created", workspaceId: "00000000-0000-4000-8000-0000000000f1", conversationId: a, messageId: "00000000-0000-4000-8000-0000000000e1", appId: "app-1" });
    await vi.advanceTimersByTimeAsync(6_000);
    dispatchLiveEvent({ type: "conversation.updated", workspaceId: "00000000-0000-4000-8000-0000000000f1", conversationId: b, changes: ["lastActivity"], appId: "app-2" });
    dispatchLiveEvent({ type: "message.created", workspaceId: "00000000-0000-4000-8000-0000000000f1", conversationId: a, messageId: "00000000-0000-4000-8000-0000000000e1", appId: "app-1" });
    dispatchLiveEvent({
      type: "presence",
      workspaceId: "00000000-0000-4000-8000-0000000000f1",
      conversationId: "00000000-0000-4000-8000-0000000000c1",
      appId: "app-1",
      userId: "00000000-0000-4000-8000-0000000000d1",
      name: "Bob",
      state: "viewing",
    });
    expect(recentlyChanged(null).sort()).toEqual([a, b]);
    expect(recentlyChanged("app-2")).toEqual([b]);

    await vi.advanceTimersByTimeAsync(10_001);
    expect(recentlyChanged(null)).toEqual([]);
  });
});
