import { describe, expect, it } from "vitest";
import { inboxHref } from "@/lib/paths";

describe("inboxHref", () => {
  it.each([
    [["mine", {}], "/messaging/mine"],
    [["closed", { conversationId: "c1" }], "/messaging/closed/c1"],
    [["unassigned", { appId: "a1" }], "/messaging/unassigned?app=a1"],
    [["others", { appId: "a1", after: "cur", conversationId: "c1" }], "/messaging/others/c1?app=a1&after=cur"],
    [["mine", { appId: null, after: null }], "/messaging/mine"],
  ] as const)("builds %j as %s", ([view, options], expected) => {
    expect(inboxHref(view, options)).toBe(expected);
  });
});
