import { expect, type Locator, type Page } from "@playwright/test";
import { catalogs, escapeRegExp } from "../support/catalogs";

const t = catalogs.en.conversation;

/**
 * An open conversation (SPEC §3, §10): the header (contact menu, assignment control, Close
 * conversation / Reopen), the thread and the reply box. Names come from the English catalog.
 */
export class ConversationPage {
  constructor(
    readonly page: Page,
    readonly contactName: string,
  ) {}

  get heading(): Locator {
    return this.page.getByRole("heading", { name: this.contactName });
  }

  /** The contact's name in the header, a button opening the contact menu. */
  get contactButton(): Locator {
    return this.page.getByRole("button", { name: this.contactName, exact: true });
  }

  get contactMenu(): Locator {
    return this.page.getByRole("menu", { name: this.contactName, exact: true });
  }

  /** Named "Assign" when unassigned, else after the assignee. */
  assignmentButton(assigneeName: string | null = null): Locator {
    return this.page.getByRole("button", { name: assigneeName ?? t.assign.assign, exact: true });
  }

  assignmentMenu(assigneeName: string | null = null): Locator {
    return this.page.getByRole("menu", { name: assigneeName ?? t.assign.assign, exact: true });
  }

  /** A teammate's entry in the open assignment menu ("Alice Admin", or "Alice Admin Unavailable"). */
  teammate(name: string): Locator {
    return this.page.getByRole("menuitemradio", { name: new RegExp(`^${escapeRegExp(name)}`) });
  }

  async openAssignmentMenu(assigneeName: string | null = null): Promise<Locator> {
    await this.assignmentButton(assigneeName).click();
    const menu = this.assignmentMenu(assigneeName);
    await expect(menu).toBeVisible();
    return menu;
  }

  async assignTo(name: string, currentAssignee: string | null = null) {
    await this.openAssignmentMenu(currentAssignee);
    await this.teammate(name).click();
  }

  get closeButton(): Locator {
    return this.page.getByRole("button", { name: t.status.close, exact: true });
  }

  get reopenButton(): Locator {
    return this.page.getByRole("button", { name: t.status.reopen, exact: true });
  }

  get thread(): Locator {
    return this.page.getByRole("list", { name: t.thread });
  }

  /** A message bubble or an activity line holding `text`. */
  entry(text: string): Locator {
    return this.thread.getByRole("listitem").filter({ hasText: text });
  }

  /** The delivery state under an outbound message: "Sending…", "Sent", "Delivered", "Read" or "Failed: …". */
  deliveryState(text: string): Locator {
    return this.entry(text).getByTestId("delivery-state");
  }

  get replyBox(): Locator {
    return this.page.getByRole("textbox", { name: t.reply.label, exact: true });
  }

  get sendButton(): Locator {
    return this.page.getByRole("button", { name: t.reply.send, exact: true });
  }

  async reply(text: string) {
    await this.replyBox.fill(text);
    await this.sendButton.click();
    await expect(this.entry(text)).toBeVisible();
  }

  /** A refusal shown in the catalog's words. */
  refusal(text: string): Locator {
    return this.page.getByRole("alert").filter({ hasText: text });
  }

  async openContactMenu(): Promise<Locator> {
    await this.contactButton.click();
    await expect(this.contactMenu).toBeVisible();
    return this.contactMenu;
  }

  get deleteItem(): Locator {
    return this.contactMenu.getByRole("menuitem", { name: t.delete.action, exact: true });
  }

  get deleteDialog(): Locator {
    return this.page.getByRole("dialog", { name: t.delete.title });
  }

  /** Contact menu → Delete conversation → confirm (the installer only, SPEC §5). */
  async deleteConversation() {
    await this.openContactMenu();
    await this.deleteItem.click();
    await expect(this.deleteDialog).toBeVisible();
    await this.deleteDialog.getByRole("button", { name: t.delete.confirm, exact: true }).click();
    await expect(this.deleteDialog).toBeHidden();
  }
}
