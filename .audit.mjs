import { chromium } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
const base = process.argv[2]; const locale = process.argv[3] ?? "en";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const ctx = await browser.newContext({ baseURL: base, locale: locale === "cs" ? "cs-CZ" : "en-US" });
const page = await ctx.newPage();
async function audit(where) {
  await page.waitForTimeout(500);
  const r = await new AxeBuilder({ page }).withTags(["wcag2a","wcag2aa","wcag21a","wcag21aa","experimental","best-practice"]).analyze();
  for (const v of r.violations) console.log(`${where} [${page.viewportSize().width}] ${v.id} (${v.impact}) ${v.tags.includes("experimental")?"EXP ":""}: ${v.nodes.slice(0,4).map(n=>n.target.join(" ")+" :: "+(n.any[0]?.message??n.all[0]?.message??"")).join(" | ")}`);
}
await page.goto("/login"); await audit("/login");
await page.locator('input[type="email"]').fill("alice@demo.test");
await page.locator('input[type="password"]').fill("demo-password");
await page.locator('form button[type="submit"]').click();
await page.waitForURL("**/messaging/**");
for (const [w,h] of [[1280,800],[390,844]]) {
  await page.setViewportSize({ width: w, height: h });
  for (const p of ["/messaging/unassigned"]) {
    await page.goto(p); await audit(p);
  }
  await page.goto("/messaging/unassigned");
  await page.getByText("Jana Nováková").first().click();
  await page.getByRole("list", { name: "Conversation history" }).waitFor();
  await audit("conversation");
  const toggle = page.getByRole("button", { name: "CRM", exact: true });
  if (w < 1280) { await toggle.click(); await audit("crm-sheet"); await page.keyboard.press("Escape"); }
  await page.goto("/messaging/unassigned");
  await page.getByRole("button", { name: "Notification settings" }).click();
  await page.getByRole("dialog").waitFor();
  await page.getByRole("dialog").getByRole("checkbox").first().click();
  await audit("notif-dialog-dirty");
  await page.keyboard.press("Escape");
  await page.keyboard.press("?"); await page.waitForTimeout(300); await audit("help-dialog"); await page.keyboard.press("Escape");
  await page.goto("/messaging/unassigned");
  await page.getByRole("button", { name: "User menu" }).click().catch(()=>{}); await audit("user-menu"); await page.keyboard.press("Escape");
}
await browser.close();
