import { describe, expect, it } from "vitest";
import { z } from "zod";

describe("the browser's instrumentation", () => {
  it("puts zod in jitless mode without importing it, and schemas still validate", async () => {
    expect(z.config().jitless).not.toBe(true);
    await import("@/instrumentation-client");
    expect(z.config().jitless).toBe(true);
    const schema = z.object({ name: z.string().min(1) });
    expect(schema.safeParse({ name: "Ann" }).success).toBe(true);
    expect(schema.safeParse({ name: "" }).success).toBe(false);
  });
});
