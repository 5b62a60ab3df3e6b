import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = hex
    .slice(1)
    .match(/../g)!
    .map((part) => Number.parseInt(part, 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const css = readFileSync(new URL("../../../app/globals.css", import.meta.url), "utf8");
function token(name: string): string {
  const found = css.match(new RegExp(`--color-${name}:\\s*(#[0-9a-fA-F]{6});`));
  if (!found) throw new Error(`no --color-${name} in app/globals.css`);
  return found[1]!;
}

// Issue 16 item 10: buttons with white text (components/ui/button.tsx: primary, danger, success,
// and the outbound bubble on brand-500) meet WCAG AA's 4.5:1 for normal-size text.
describe("colour tokens behind white button text", () => {
  for (const name of ["brand-500", "brand-600", "danger", "success"]) {
    it(`${name} has at least 4.5:1 against white`, () => {
      expect(contrast(token(name), "#ffffff")).toBeGreaterThanOrEqual(4.5);
    });
  }

  it("measures the old green Save as failing, so the check can fail", () => {
    expect(contrast("#1f9d55", "#ffffff")).toBeLessThan(4.5);
  });
});
