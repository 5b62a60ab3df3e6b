import AxeBuilder from "@axe-core/playwright";
import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { CrmPanel } from "./pages/crm-panel";
import { CrmRecordPage } from "./pages/crm-record-page";
import type { RecordType } from "./pages/crm-panel";
import { LoginPage } from "./pages/login-page";
import { catalogs } from "./support/catalogs";

const t = catalogs.en;
/** lib/demo/seed.ts: an unassigned Messenger conversation in the demo workspace. */
const JANA = "Jana Nováková";
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const SIZES = [
  { name: "1280x800", viewport: { width: 1280, height: 800 } },
  { name: "390x844", viewport: { width: 390, height: 844 } },
] as const;
const LIST_PATHS = { person: "/persons", lead: "/leads", deal: "/deals" } as const satisfies Record<RecordType, string>;

/**
 * Runs axe (WCAG 2.1 A and AA) on what the page shows now and fails on any serious or critical
 * violation, naming each rule and the elements it found, so the failure reads as a to-do list.
 */
async function expectAccessible(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    // WCAG 2.5.3 (label in name, level A): axe files it as experimental and leaves it off unless asked.
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  const report = serious.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(" ")}\n      ${node.failureSummary?.replace(/\n/g, "\n      ")}`).join("\n"),
  );
  expect(serious.length, `${where} (${page.viewportSize()?.width}px): axe found\n  ${report.join("\n  ")}`).toBe(0);
}

/** The list's New dialog, checked while open, then filled with the least the record needs. */
async function createRecord(page: Page, type: RecordType, label: string): Promise<string> {
  const crm = t.crm;
  await page.goto(LIST_PATHS[type]);
  await page.getByRole("button", { name: crm.types[type].new }).click();
  const dialog = page.getByRole("dialog", { name: crm.types[type].new });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, `${LIST_PATHS[type]}: the New dialog`);
  await dialog.getByLabel(type === "person" ? crm.fields.name : crm.fields.title, { exact: true }).fill(label);
  if (type === "deal") await dialog.getByLabel(crm.fields.value, { exact: true }).fill("1000");
  await dialog.getByRole("button", { name: crm.form.create, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${LIST_PATHS[type]}/[0-9a-f-]{36}$`));
  await expect(new CrmRecordPage(page, type).heading(label)).toBeVisible();
  return new URL(page.url()).pathname;
}

for (const size of SIZES) {
  test.describe(`axe finds no serious or critical violations at ${size.name} (issue 16 item 5)`, () => {
    test.use({ viewport: size.viewport });

    test("the sign-in page", async ({ loginPage, page }) => {
      await loginPage.goto();
      await expect(new LoginPage(page).submit).toBeVisible();
      await expectAccessible(page, "/login");
    });

    test("the inbox views, an open conversation, the CRM panel, search and the dialogs", async ({ alice: { page, inbox } }) => {
      test.setTimeout(120_000);
      for (const view of ["unassigned", "mine", "others", "snoozed", "closed"] as const) {
        await inbox.goto(view);
        await expect(inbox.conversationList).toBeVisible();
        await expectAccessible(page, `/messaging/${view}`);
      }

      await inbox.goto("unassigned");
      await inbox.openConversation(JANA);
      await expectAccessible(page, "an open conversation");

      const panel = new CrmPanel(page);
      if (!(await panel.panel.isVisible())) await page.getByRole("button", { name: t.crm.panel.title, exact: true }).click();
      await expect(panel.panel).toBeVisible();
      await panel.openCreate("person");
      await expectAccessible(page, "the CRM panel with Create open");
      await page.keyboard.press("Escape");

      await inbox.goto("unassigned");
      await page.getByRole("button", { name: t.notifications.settings }).click();
      await expect(page.getByRole("dialog", { name: t.notifications.settings })).toBeVisible();
      await expectAccessible(page, "the notification settings dialog");
      await page.keyboard.press("Escape");

      await page.goto("/messaging/search?q=novakova");
      const results = page.getByRole("region", { name: t.search.results });
      await expect(results).toBeVisible();
      await expectAccessible(page, "search results");
      await results.getByRole("option").filter({ hasText: JANA }).click();
      await expect(page.getByRole("heading", { name: JANA })).toBeVisible();
      await expectAccessible(page, "search with a conversation open");

      await page.goto("/help/notifications");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page, "/help/notifications");
    });

    test("the CRM lists and records, and the settings pages", async ({ alice: { page } }) => {
      test.setTimeout(120_000);
      const made: { type: RecordType; label: string; path: string }[] = [];
      try {
        for (const type of ["person", "lead", "deal"] as const) {
          const label = `Axe ${type} ${randomInt(1_000_000)}`;
          made.push({ type, label, path: await createRecord(page, type, label) });
          await expectAccessible(page, `a ${type}'s page`);
          await page.goto(LIST_PATHS[type]);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await expectAccessible(page, LIST_PATHS[type]);
        }
        for (const path of ["/settings/integrations/messaging", "/settings/team", "/settings/account", "/settings/canned-responses"]) {
          await page.goto(path);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await expectAccessible(page, path);
        }
      } finally {
        for (const record of made) {
          await page.goto(record.path);
          await new CrmRecordPage(page, record.type).deleteRecord(record.label);
        }
      }
    });
  });
}
