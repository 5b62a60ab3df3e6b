import { expect, type Locator, type Page } from "@playwright/test";
import { catalogs } from "../support/catalogs";
import type { RecordType } from "./crm-panel";

const t = catalogs.en.crm;
const LIST_PATHS = { person: "/persons", lead: "/leads", deal: "/deals" } as const satisfies Record<RecordType, string>;

/**
 * A CRM record's own page (`/persons/{id}` and friends, SPEC §7): its heading, its notes feed
 * (history notes of linked conversations among them) and Delete; plus the list's New dialog.
 */
export class CrmRecordPage {
  constructor(
    readonly page: Page,
    readonly type: RecordType,
  ) {}

  /** The list's New dialog filled with a deal's title and value; resolves on the new deal's page with its path. */
  async createDeal(title: string, value = "1000"): Promise<string> {
    await this.page.goto(LIST_PATHS.deal);
    await this.page.getByRole("button", { name: t.types.deal.new }).click();
    const dialog = this.page.getByRole("dialog", { name: t.types.deal.new });
    await dialog.getByLabel(t.fields.title, { exact: true }).fill(title);
    await dialog.getByLabel(t.fields.value, { exact: true }).fill(value);
    await dialog.getByRole("button", { name: t.form.create, exact: true }).click();
    await expect(this.page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
    await expect(this.heading(title)).toBeVisible();
    return new URL(this.page.url()).pathname;
  }

  heading(label: string): Locator {
    return this.page.getByRole("heading", { level: 1, name: label, exact: true });
  }

  get notes(): Locator {
    return this.page.getByRole("region", { name: t.notes.title, exact: true });
  }

  /** Every history note of the conversation with `contactName` on `appName`. */
  historyNotes(contactName: string, appName: string): Locator {
    const title = t.history.title.replace("{contact}", contactName).replace("{app}", appName);
    return this.notes.getByRole("article").filter({ hasText: title });
  }

  /** The messages of one history note, oldest first. */
  messages(note: Locator): Locator {
    return note.getByRole("list", { name: t.history.messages, exact: true }).getByRole("listitem");
  }

  openConversationLink(note: Locator): Locator {
    return note.getByRole("link", { name: t.history.openConversation, exact: true });
  }

  /** Reloads until `check` passes: history notes are written by the server's background jobs. */
  async untilReloaded(check: () => Promise<void>, timeout = 20_000) {
    await expect(async () => {
      await this.page.reload();
      await check();
    }).toPass({ timeout, intervals: [500, 1_000, 1_000, 2_000] });
  }

  /** Delete → confirm; lands on the list. */
  async deleteRecord(label: string) {
    await this.page.getByRole("button", { name: t.detail.delete, exact: true }).click();
    const confirm = this.page.getByRole("dialog", { name: t.types[this.type].deleteTitle.replace("{label}", label) });
    await confirm.getByRole("button", { name: t.detail.delete, exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`${LIST_PATHS[this.type]}$`));
  }
}
