import { randomInt } from "node:crypto";
import { catalogs } from "./support/catalogs";
import { newWhatsappContact, sendWhatsappMessage } from "./support/webhooks";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { CrmPanel } from "./pages/crm-panel";

const t = catalogs.en;
/** lib/demo/seed.ts: an unassigned Messenger conversation in the demo workspace. */
const JANA = "Jana Nováková";

test.describe("keyboard shortcuts (SPEC §13)", () => {
  test("j/k move through the list, ? lists the shortcuts, a and e act on the open conversation, none fires while typing", async ({
    alice: { page, inbox },
    baseURL,
  }) => {
    const name = `Kim Keys ${randomInt(1_000_000)}`;
    await sendWhatsappMessage(baseURL!, { from: newWhatsappContact(), profileName: name, text: "Testing your shortcuts" });
    try {
      await inbox.goto("unassigned");
      await expect(inbox.rows.first()).toContainText(name);
      const second = (await inbox.rows.nth(1).textContent()) ?? "";

      // `?` first, until the page is hydrated and listening: pressing it again while open does nothing.
      const help = page.getByRole("dialog", { name: t.keyboard.title });
      await expect(async () => {
        await page.keyboard.press("?");
        await expect(help).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      await expect(help).toContainText(t.keyboard.commands.toggleStatus);
      await page.keyboard.press("Escape");
      await expect(help).toBeHidden();

      await page.keyboard.press("j");
      await expect(page.getByRole("heading", { name })).toBeVisible({ timeout: 20_000 });
      // Focus lands in the opened thread (issue 16 item 5), where j and k keep working.
      await expect(inbox.thread).toBeFocused();
      const opened = page.url();
      await page.keyboard.press("j");
      await expect(inbox.rows.nth(1)).toHaveAttribute("aria-current", "page");
      expect(second).not.toContain(name);
      await page.keyboard.press("k");
      await expect(page).toHaveURL(opened);
      await expect(page.getByRole("heading", { name })).toBeVisible();

      await page.keyboard.press("a");
      // Exact: the user menu's button shows (and so is named) "Alice Admin" too (WCAG 2.5.3).
      await expect(page.getByRole("button", { name: "Alice Admin", exact: true })).toBeVisible();
      // The URL follows the conversation into Assigned to me (issue 16).
      await expect(page).toHaveURL(/\/messaging\/mine\/[0-9a-f-]+$/);
      const mine = page.url();
      // `e` closes and moves on (issue 16); the toast's Undo reopens it and comes back.
      await page.keyboard.press("e");
      await expect(page).not.toHaveURL(mine);
      await expect(page.getByRole("heading", { name })).toBeHidden();
      const toast = page.getByRole("status").filter({ hasText: t.conversation.flow.closed });
      await toast.getByRole("button", { name: t.conversation.flow.undo }).click();
      await expect(page).toHaveURL(mine);
      await expect(page.getByRole("button", { name: t.conversation.status.close })).toBeVisible();

      await page.keyboard.press("r");
      const reply = page.getByRole("textbox", { name: t.conversation.reply.label });
      await expect(reply).toBeFocused();
      await page.keyboard.type("jk?ea/");
      await expect(reply).toHaveValue("jk?ea/");
      await expect(help).toBeHidden();
      await expect(page).toHaveURL(mine);
      await expect(page.getByRole("button", { name: t.conversation.status.close })).toBeVisible();
      await reply.fill("");

      await reply.blur();
      await page.keyboard.press("/");
      const search = page.getByRole("searchbox", { name: t.search.label });
      await expect(search).toBeFocused();
      await page.keyboard.type("je");
      await expect(search).toHaveValue("je");
      await expect(page).toHaveURL(mine);
    } finally {
      // The shortcuts assigned Kim to alice: delete the conversation so the specs after this one
      // see the demo inbox's seeded counts.
      await inbox.goto("mine");
      if ((await inbox.row(name).count()) > 0) {
        await inbox.openConversation(name);
        await new ConversationPage(page, name).deleteConversation();
      }
    }
  });
});

test.describe("keyboard and screen readers (issue 16 item 5)", () => {
  test("the skip link is the first Tab stop: to the open conversation's thread, or past the navigation to the content", async ({
    alice: { page, inbox },
  }) => {
    await inbox.goto("unassigned");
    await inbox.openConversation(JANA);
    await page.reload();
    await inbox.waitForLive();
    await page.keyboard.press("Tab");
    const skipToConversation = page.getByRole("link", { name: t.nav.skipToConversation, exact: true });
    await expect(skipToConversation).toBeFocused();
    await expect(skipToConversation).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(inbox.thread).toBeFocused();

    await inbox.goto("closed");
    await inbox.waitForLive();
    await page.keyboard.press("Tab");
    const skipToMain = page.getByRole("link", { name: t.nav.skipToMain, exact: true });
    await expect(skipToMain).toBeFocused();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    // The next stop is in the page's content, not the navigation the link skipped.
    await expect(page.getByRole("main").locator(":focus")).toHaveCount(1);
  });

  test("the list is one listbox: arrows, Home and End move between rows, Tab leaves it in one step, Enter opens a row into its thread", async ({
    alice: { page, inbox },
  }) => {
    await inbox.goto("unassigned");
    await inbox.waitForLive();
    const rows = inbox.rows;
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(2);
    await expect(page.locator('[role="listbox"] [tabindex="0"]')).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("tabindex", "0");
    for (const row of await rows.all()) await expect(row).toHaveAttribute("aria-selected", "false");

    await rows.first().focus();
    await page.keyboard.press("ArrowDown");
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press("End");
    await expect(rows.last()).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(rows.last()).toBeFocused();
    await page.keyboard.press("Home");
    await expect(rows.first()).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(rows.first()).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(rows.nth(1)).toHaveAttribute("tabindex", "0");
    await expect(page.locator('[role="listbox"] [tabindex="0"]')).toHaveCount(1);

    // Tab leaves the list at once, and Shift+Tab comes back to the row left.
    await page.keyboard.press("Tab");
    await expect(page.locator('[role="listbox"] :focus')).toHaveCount(0);
    await page.keyboard.press("Shift+Tab");
    await expect(rows.nth(1)).toBeFocused();

    const jana = inbox.row(JANA);
    await jana.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: JANA })).toBeVisible();
    await expect(inbox.thread).toBeFocused();
    await expect(jana).toHaveAttribute("aria-selected", "true");
    await expect(jana).toHaveAttribute("tabindex", "0");
    // From the thread, Tab goes on towards the reply box, not back to the top of the page.
    await page.keyboard.press("r");
    await expect(new ConversationPage(page, JANA).replyBox).toBeFocused();
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 390, height: 844 } });

    test("a click on a row opens its thread focused, and the CRM sheet keeps Tab inside until Escape returns to its toggle", async ({
      alice: { page, inbox },
    }) => {
      await inbox.goto("unassigned");
      await inbox.waitForLive();
      await inbox.openConversation(JANA);
      await expect(inbox.thread).toBeFocused();

      const toggle = page.getByRole("button", { name: t.crm.panel.title, exact: true });
      await toggle.click();
      const sheet = page.getByRole("dialog", { name: t.crm.panel.title, exact: true });
      await expect(sheet).toBeVisible();
      await expect(new CrmPanel(page).panel).toBeVisible();
      const close = sheet.getByRole("button", { name: t.crm.panel.close, exact: true });
      await expect(close).toBeFocused();

      const isInside = () => sheet.evaluate((element) => element.contains(document.activeElement));
      let wrapped = false;
      for (let step = 0; step < 25 && !wrapped; step++) {
        await page.keyboard.press("Tab");
        expect(await isInside()).toBe(true);
        wrapped = await close.evaluate((element) => element === document.activeElement);
      }
      expect(wrapped).toBe(true);
      await page.keyboard.press("Shift+Tab");
      expect(await isInside()).toBe(true);
      await expect(close).not.toBeFocused();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Shift+Tab");
      expect(await isInside()).toBe(true);

      await page.keyboard.press("Escape");
      await expect(sheet).toBeHidden();
      await expect(toggle).toBeFocused();
    });
  });
});
