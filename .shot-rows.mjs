// usage: node /work/wt/shot.mjs <baseURL> <outdir> <en|cs> <path...>
// Signs in as alice (language via cookie/locale), shoots each path at 1280x800 and 390x844.
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
const [base, out, locale, ...paths] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"] });
const ctx = await browser.newContext({ baseURL: base, locale: locale === "cs" ? "cs-CZ" : "en-US" });
const page = await ctx.newPage();
await page.goto("/login");
await page.locator('input[type="email"]').fill("alice@demo.test");
await page.locator('input[type="password"]').fill("demo-password");
await page.locator('form button[type="submit"]').click();
await page.waitForURL("**/messaging/**");
for (const [w, h, tag] of [[1280, 800, "d"], [390, 844, "m"]]) {
  await page.setViewportSize({ width: w, height: h });
  for (const p of paths) {
    await page.goto(p); await page.waitForLoadState("networkidle").catch(() => {});
    await page.waitForTimeout(400);
    const name = p.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "root";
    await page.screenshot({ path: `${out}/${name}_${locale}_${tag}.png` });
  }
}
await browser.close();
