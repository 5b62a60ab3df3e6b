import { describe, expect, it } from "vitest";
import { missingVariables, renderTemplate, templateVariables } from "@/lib/content/templates";

describe("WhatsApp template variables", () => {
  it("finds the body's placeholders and the declared ones, numbers in numeric order", () => {
    expect(templateVariables("Hi {{2}}, {{ 10 }} and {{1}}", ["1", "3"])).toEqual(["1", "2", "3", "10"]);
    expect(templateVariables("No variables", [])).toEqual([]);
  });

  it("renders the filled values and leaves an empty placeholder visible", () => {
    expect(renderTemplate("Hi {{1}}, order {{ 2 }} is ready", { "1": " Petra ", "2": "#7" })).toBe("Hi Petra, order #7 is ready");
    expect(renderTemplate("Hi {{1}}, order {{2}}", { "1": "Petra", "2": "  " })).toBe("Hi Petra, order {{2}}");
    expect(renderTemplate("{{constructor}}", {})).toBe("{{constructor}}");
  });

  it("names the variables still blank", () => {
    expect(missingVariables({ variables: ["1", "2", "3"] }, { "1": "a", "2": " " })).toEqual(["2", "3"]);
  });
});
