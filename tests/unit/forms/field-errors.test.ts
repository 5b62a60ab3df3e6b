import { describe, expect, it } from "vitest";
import { firstErrorByField } from "@/components/ui/field-errors";

describe("firstErrorByField", () => {
  it.each([
    ["name", "name"],
    ["credentials.pageId", "pageId"],
    ["input.name", "name"],
    ["phones.2", "phones"],
    ["input.emails.0", "emails"],
    ["memberIds.12", "memberIds"],
  ])("folds the zod path %s to the input %s", (path, field) => {
    expect(firstErrorByField({ [path]: ["required"] })).toEqual({ [field]: "required" });
  });

  it("keeps the first error of an input when several paths fold onto it", () => {
    expect(firstErrorByField({ "phones.0": ["phone"], "phones.1": ["too_long"] })).toEqual({ phones: "phone" });
  });

  it("answers nothing for no errors", () => {
    expect(firstErrorByField(undefined)).toEqual({});
  });
});
