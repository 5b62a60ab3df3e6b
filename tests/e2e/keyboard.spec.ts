import { randomInt } from "node:crypto";
import { catalogs } from "./support/catalogs";
import { newWhatsappContact, sendWhatsappMessage } from "./support/webhooks";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";

const t = catalogs.en;

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
      const opened = page.url();
      await page.keyboard.press("j");
      await expect(inbox.rows.nth(1)).toHaveAttribute("aria-current", "page");
      expect(second).not.toContain(name);
      await page.keyboard.press("k");
      await expect(page).toHaveURL(opened);
      await expect(page.getByRole("heading", { name })).toBeVisible();

      await page.keyboard.press("a");
      await expect(page.getByRole("button", { name: "Alice Admin" })).toBeVisible();
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
