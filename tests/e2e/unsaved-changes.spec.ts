import { expect, test } from "./fixtures";
import { catalogs } from "./support/catalogs";

const t = catalogs.en;

// Issue 16 item 10: a dialog with a form asks before Close, Cancel or Escape drops what the user changed.
test.describe("unsaved changes in dialogs", () => {
  test("the notification dialog asks before Close or Escape drops a changed choice, and nothing is saved", async ({
    alice: { page },
  }) => {
    test.setTimeout(90_000);
    const bell = page.getByRole("button", { name: t.notifications.settings });
    const dialog = page.getByRole("dialog", { name: t.notifications.settings });
    const confirm = dialog.getByRole("alertdialog", { name: t.common.unsaved.title });
    const choice = dialog.getByRole("checkbox", {
      name: `${t.notifications.channels.email}: ${t.notifications.events.messageUnassigned}`,
      exact: true,
    });
    const close = dialog.getByRole("button", { name: t.notifications.close, exact: true });

    await page.goto("/messaging/unassigned");
    await bell.click();
    await expect(dialog).toBeVisible();
    const wasChecked = await choice.isChecked();

    // Unchanged: Close closes at once.
    await close.click();
    await expect(dialog).toBeHidden();

    await bell.click();
    await choice.click();
    await close.click();
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText(t.common.unsaved.body);
    await expect(confirm.getByRole("button", { name: t.common.unsaved.keep })).toBeFocused();
    await confirm.getByRole("button", { name: t.common.unsaved.keep }).click();
    await expect(confirm).toBeHidden();
    await expect(choice).toBeChecked({ checked: !wasChecked });

    await page.keyboard.press("Escape");
    await expect(confirm).toBeVisible();
    // Escape on the question keeps editing, like Keep editing.
    await page.keyboard.press("Escape");
    await expect(confirm).toBeHidden();
    await expect(dialog).toBeVisible();

    await close.click();
    await confirm.getByRole("button", { name: t.common.unsaved.discard }).click();
    await expect(dialog).toBeHidden();

    await page.reload();
    await bell.click();
    await expect(choice).toBeChecked({ checked: wasChecked });
  });

  test("a new canned response's Cancel asks first; Discard creates nothing", async ({ alice: { page } }) => {
    const name = `unsaved${Date.now().toString(36)}`;
    await page.goto("/settings/canned-responses");
    await page.getByRole("button", { name: t.canned.new }).click();
    const dialog = page.getByRole("dialog", { name: t.canned.newTitle });
    await dialog.getByLabel(t.canned.name).fill(name);
    await dialog.getByRole("button", { name: t.canned.cancel }).click();
    const confirm = dialog.getByRole("alertdialog", { name: t.common.unsaved.title });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: t.common.unsaved.discard }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`/${name}`)).toHaveCount(0);
  });
});
