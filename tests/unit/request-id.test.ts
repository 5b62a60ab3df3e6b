import { describe, expect, it } from "vitest";
import { requestIdFor, saneRequestId } from "@/lib/observability/request-id";

describe("request ids", () => {
  it("keeps a caller's plain id and replaces anything else with a fresh UUID", () => {
    expect(requestIdFor("req-abc-12345")).toBe("req-abc-12345");
    expect(requestIdFor("01HZX3M7K9Q2:trace.span@edge")).toBe("01HZX3M7K9Q2:trace.span@edge");
    for (const hostile of [null, undefined, "", "short", "a".repeat(129), 'x"} {"level":"fatal', "new\nline-injection", "spaces are not ok"]) {
      const id = requestIdFor(hostile);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(saneRequestId(hostile)).toBeUndefined();
    }
    expect(requestIdFor(null)).not.toBe(requestIdFor(null));
  });
});
