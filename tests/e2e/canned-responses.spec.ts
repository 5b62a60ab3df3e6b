import { randomInt } from "node:crypto";
import { catalogs } from "./support/catalogs";
import { expect, test } from "./fixtures";

const t = catalogs.en;

test.describe("canned responses (SPEC §13)", () => {
  test("alice saves one; typing / and its first letters in the reply box inserts it with the variables filled", async ({ alice: { page, inbox } }) => {
    const name = `greet${randomInt(1_000_000)}`;
    await page.goto("/settings/canned-responses");
    await page.getByRole("button", { name: t.canned.new }).click();
    const dialog = page.getByRole("dialog", { name: t.canned.newTitle });
    await dialog.getByLabel(t.canned.name).fill(name);
    await dialog
      .getByLabel(t.canned.text)
      .fill("Hello {{contact.name}}, this is {{agent.name}} from {{company.name}}. Call {{contact.phone}}.");
    await expect(dialog).toContainText("{{contact.phone}}");
    await dialog.getByRole("button", { name: t.canned.save }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("list", { name: t.canned.listLabel }).getByRole("listitem", { name: `/${name}` })).toBeVisible();

    await inbox.goto("unassigned");
    await inbox.openConversation("Jana Nováková");
    const reply = page.getByRole("textbox", { name: t.conversation.reply.label });
    await reply.fill("Hi! ");
    await reply.press("End");
    await page.keyboard.type(`/${name.slice(0, 6)}`);
    const picker = page.getByRole("listbox", { name: t.canned.picker.label });
    await expect(picker.getByRole("option", { name: new RegExp(`/${name}`) })).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(picker).toBeHidden();
    await expect(reply).toHaveValue("Hi! Hello Jana Nováková, this is Alice Admin from Demo Company. Call {{contact.phone}}.");

    // No match: Enter closes the picker instead of sending "/zzqx" to the customer.
    await reply.fill("");
    await page.keyboard.type("/zzqx");
    const none = page.getByText(t.canned.picker.none.replace("{typed}", "zzqx"));
    await expect(none).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(none).toBeHidden();
    await expect(reply).toHaveValue("/zzqx");
    await expect(inbox.thread.getByText("/zzqx")).toHaveCount(0);
    // Escape closes an open picker and leaves the text as typed; typing on keeps it closed.
    await reply.fill("");
    await page.keyboard.type(`/${name.slice(0, 4)}`);
    await expect(picker).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(picker).toBeHidden();
    await page.keyboard.type("x");
    await expect(picker).toBeHidden();
    await expect(reply).toHaveValue(`/${name.slice(0, 4)}x`);
    await expect(page).toHaveURL(/\/messaging\/unassigned\/[0-9a-f-]{36}$/);

    await reply.fill("");
  });

  test("bob, a member, sees the list without ways to change it", async ({ bob: { page } }) => {
    await page.goto("/settings/canned-responses");
    await expect(page.getByRole("heading", { name: t.canned.title })).toBeVisible();
    await expect(page.getByText(t.canned.memberDescription)).toBeVisible();
    await expect(page.getByRole("button", { name: t.canned.new })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Edit|^Delete/ })).toHaveCount(0);
  });
});
