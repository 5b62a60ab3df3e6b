import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { catalogs } from "./support/catalogs";
import { newWhatsappContact, sendWhatsappMessage } from "./support/webhooks";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";

const t = catalogs.en;
const ID_PATH = "[0-9a-f-]{36}$";

/** The snackbar an action raises (bottom left), found by its words. */
function actionToast(page: Page, text: string) {
  return page.getByRole("status").filter({ hasText: text });
}

test.describe("flow after an action (issue 16 item 4)", () => {
  test("assign and close follow the conversation into its new view, close and go to next moves on, Undo puts each back", async ({
    alice: { page, inbox },
    baseURL,
  }) => {
    // Seven round trips through the app plus three deletions to leave the demo inbox as it was.
    test.setTimeout(90_000);
    const run = randomInt(1_000_000);
    const older = `Olga Flow ${run}`;
    const newer = `Nora Flow ${run}`;
    await sendWhatsappMessage(baseURL!, { from: newWhatsappContact(), profileName: older, text: "First of two" });
    await sendWhatsappMessage(baseURL!, { from: newWhatsappContact(), profileName: newer, text: "Second of two" });
    const nora = new ConversationPage(page, newer);
    const olga = new ConversationPage(page, older);
    try {
      await inbox.goto("unassigned");
      await inbox.waitForLive();
      await expect(inbox.rows.nth(0)).toContainText(newer);
      await expect(inbox.rows.nth(1)).toContainText(older);
      await inbox.openConversation(newer);
      await expect(page).toHaveURL(new RegExp(`/messaging/unassigned/${ID_PATH}`));
      const unassignedUrl = page.url();
      const id = unassignedUrl.split("/").at(-1)!;

      // Assign to me: the URL follows into Assigned to me, where the row is the selected one.
      await nora.openAssignmentMenu();
      await page.getByRole("menuitem", { name: t.conversation.assign.toMe, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/messaging/mine/${id}$`));
      await expect(nora.assignmentButton("Alice Admin")).toBeVisible();
      await expect(inbox.row(newer)).toHaveAttribute("aria-current", "page");
      const assigned = actionToast(page, t.conversation.flow.assignedToYou);
      await expect(assigned).toBeVisible();

      // Undo: unassigned again, and back in Unassigned with the conversation open.
      await assigned.getByRole("button", { name: t.conversation.flow.undo, exact: true }).click();
      await expect(page).toHaveURL(unassignedUrl);
      await expect(nora.assignmentButton()).toBeVisible();
      await expect(actionToast(page, t.conversation.flow.undone)).toBeVisible();
      await expect(inbox.row(newer)).toHaveAttribute("aria-current", "page");

      // Close and go to next: the next row opens in the same view; Undo reopens and returns.
      await page.getByRole("button", { name: t.conversation.flow.closeAndNext, exact: true }).click();
      await expect(olga.heading).toBeVisible();
      await expect(inbox.row(older)).toHaveAttribute("aria-current", "page");
      await expect(inbox.row(newer)).toHaveCount(0);
      const closed = actionToast(page, t.conversation.flow.closed);
      await closed.getByRole("button", { name: t.conversation.flow.undo, exact: true }).click();
      await expect(page).toHaveURL(unassignedUrl);
      await expect(nora.closeButton).toBeVisible();
      await expect(inbox.row(newer)).toHaveAttribute("aria-current", "page");

      // Close conversation: it follows into Closed, with Reopen offered.
      await nora.closeButton.click();
      await expect(page).toHaveURL(new RegExp(`/messaging/closed/${id}$`));
      await expect(nora.reopenButton).toBeVisible();
      await expect(inbox.row(newer)).toHaveAttribute("aria-current", "page");
      await expect(actionToast(page, t.conversation.flow.closed)).toBeVisible();
    } finally {
      // Leave the demo inbox's seeded counts as they were for the specs after this one.
      for (const [view, name] of [["closed", newer], ["unassigned", newer], ["unassigned", older]] as const) {
        await inbox.goto(view);
        if ((await inbox.row(name).count()) === 0) continue;
        await inbox.openConversation(name);
        await new ConversationPage(page, name).deleteConversation();
      }
    }
  });
});
