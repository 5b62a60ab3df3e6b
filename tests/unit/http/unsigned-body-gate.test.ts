import { describe, expect, it, vi } from "vitest";
import { MAX_WEBHOOK_BODY_BYTES } from "@/lib/http/read-body";
import { createBodyGate, GATED_BODY_BYTES, gatedBytes, needsGate } from "@/lib/http/unsigned-body-gate";

const post = (headers: Record<string, string>, body: string | null = "x") =>
  new Request("http://localhost/api/webhooks/messenger/x", { method: "POST", headers, body });

describe("the unsigned body gate", () => {
  it("lets `slots` bodies in at once and the rest in arrival order as slots free", async () => {
    const gate = createBodyGate(1, 10);
    const first = await gate.enter(0);
    const order: string[] = [];
    const second = gate.enter(0).then((release) => (order.push("second"), release));
    const third = gate.enter(0).then((release) => (order.push("third"), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(gate.load).toEqual({ reading: 1, waiting: 2 });

    first!();
    const releaseSecond = await second;
    expect(order).toEqual(["second"]);
    releaseSecond!();
    (await third)!();
    expect(order).toEqual(["second", "third"]);
    expect(gate.load).toEqual({ reading: 0, waiting: 0 });
  });

  it("answers null once `maxWaiting` already wait, and a second release of one slot frees nothing more", async () => {
    const gate = createBodyGate(1, 1);
    const first = await gate.enter(0);
    const waiting = gate.enter(0);
    expect(await gate.enter(0)).toBeNull();

    first!();
    first!();
    expect(gate.load).toEqual({ reading: 1, waiting: 0 });
    (await waiting)!();
    expect(gate.load).toEqual({ reading: 0, waiting: 0 });
  });

  it("lets bodies in no faster than its byte rate, in arrival order, and counts a body without a length as the cap", async () => {
    vi.useFakeTimers();
    try {
      let clock = 0;
      const gate = createBodyGate(1, 10, 1000, () => clock);
      const order: string[] = [];
      (await gate.enter(500))!();
      // The first took half a second of budget: a free slot is not enough for the next.
      const second = gate.enter(1000).then((release) => (order.push("second"), release));
      await Promise.resolve();
      expect(order).toEqual([]);
      expect(gate.load).toEqual({ reading: 0, waiting: 1 });
      clock = 499;
      await vi.advanceTimersByTimeAsync(499);
      expect(order).toEqual([]);
      clock = 500;
      await vi.advanceTimersByTimeAsync(1);
      expect(order).toEqual(["second"]);
      (await second)!();
      // A newcomer does not pass the line while the budget is spent, and is let in once it refills.
      const third = gate.enter(1);
      expect(gate.load.waiting).toBe(1);
      clock = 1500;
      await vi.advanceTimersByTimeAsync(1000);
      expect(await third).toBeTypeOf("function");
    } finally {
      vi.useRealTimers();
    }
    expect(gatedBytes(post({ "content-length": "2048" }))).toBe(2048);
    expect(gatedBytes(post({}))).toBe(MAX_WEBHOOK_BODY_BYTES);
    expect(gatedBytes(post({ "content-length": "lots" }))).toBe(MAX_WEBHOOK_BODY_BYTES);
  });

  it("gates bodies over 64 KiB and of unknown length, never small ones", () => {
    expect(needsGate(post({ "content-length": String(GATED_BODY_BYTES) }))).toBe(false);
    expect(needsGate(post({ "content-length": "1800" }))).toBe(false);
    expect(needsGate(post({ "content-length": String(GATED_BODY_BYTES + 1) }))).toBe(true);
    expect(needsGate(post({ "content-length": "lots" }))).toBe(true);
    expect(needsGate(post({}, null))).toBe(false);
  });
});
