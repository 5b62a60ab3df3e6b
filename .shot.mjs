import { chromium } from "@playwright/test";
const [base, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
page.on("console", (m) => console.log("console", m.type(), m.text()));
for (const p of paths) {
  const r = await page.goto(base + p);
  await page.waitForTimeout(800);
  const name = p.replace(/[^a-z0-9]+/gi, "_") || "root";
  await page.screenshot({ path: `/tmp/wh/${name}.png` });
  console.log(p, r?.status(), page.url());
}
await browser.close();
