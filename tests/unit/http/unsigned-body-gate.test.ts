import { describe, expect, it } from "vitest";
import { createBodyGate, GATED_BODY_BYTES, needsGate } from "@/lib/http/unsigned-body-gate";

const post = (headers: Record<string, string>, body: string | null = "x") =>
  new Request("http://localhost/api/webhooks/messenger/x", { method: "POST", headers, body });

describe("the unsigned body gate", () => {
  it("lets `slots` bodies in at once and the rest in arrival order as slots free", async () => {
    const gate = createBodyGate(1, 10);
    const first = await gate.enter();
    const order: string[] = [];
    const second = gate.enter().then((release) => (order.push("second"), release));
    const third = gate.enter().then((release) => (order.push("third"), release));
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
    const first = await gate.enter();
    const waiting = gate.enter();
    expect(await gate.enter()).toBeNull();

    first!();
    first!();
    expect(gate.load).toEqual({ reading: 1, waiting: 0 });
    (await waiting)!();
    expect(gate.load).toEqual({ reading: 0, waiting: 0 });
  });

  it("gates bodies over 64 KiB and of unknown length, never small ones", () => {
    expect(needsGate(post({ "content-length": String(GATED_BODY_BYTES) }))).toBe(false);
    expect(needsGate(post({ "content-length": "1800" }))).toBe(false);
    expect(needsGate(post({ "content-length": String(GATED_BODY_BYTES + 1) }))).toBe(true);
    expect(needsGate(post({ "content-length": "lots" }))).toBe(true);
    expect(needsGate(post({}, null))).toBe(false);
  });
});
