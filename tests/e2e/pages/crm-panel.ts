import { expect, type Locator, type Page } from "@playwright/test";
import { catalogs } from "../support/catalogs";

const t = catalogs.en.crm;

export type RecordType = "person" | "lead" | "deal";

/**
 * The CRM panel beside an open conversation (SPEC §7, §10): a "Person", "Lead" and "Deal"
 * section each showing the linked record with Unlink, or Link (a search combobox) and Create
 * (a form prefilled from the contact). Shown from 1280px wide.
 */
export class CrmPanel {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByRole("complementary", { name: t.panel.title, exact: true });
  }

  section(type: RecordType): Locator {
    return this.panel.getByRole("region", { name: t.types[type].one, exact: true });
  }

  linkButton(type: RecordType): Locator {
    return this.section(type).getByRole("button", { name: t.panel.link, exact: true });
  }

  createButton(type: RecordType): Locator {
    return this.section(type).getByRole("button", { name: t.panel.create, exact: true });
  }

  unlinkButton(type: RecordType): Locator {
    return this.section(type).getByRole("button", { name: t.panel.unlink, exact: true });
  }

  /** The linked record's name, a link to its page. */
  linkedRecord(type: RecordType, label: string): Locator {
    return this.section(type).getByRole("link", { name: label, exact: true });
  }

  notLinked(type: RecordType): Locator {
    return this.section(type).getByText(t.types[type].notLinked, { exact: true });
  }

  /** A field of the section's Create form, by its label. */
  field(type: RecordType, label: string): Locator {
    return this.section(type).getByLabel(label, { exact: true });
  }

  createAndLinkButton(type: RecordType): Locator {
    return this.section(type).getByRole("button", { name: t.panel.createAndLink, exact: true });
  }

  /** Opens Create in a section; the form holds the draft made from the contact. */
  async openCreate(type: RecordType) {
    await this.createButton(type).click();
    await expect(this.createAndLinkButton(type)).toBeVisible();
  }

  async submitCreate(type: RecordType) {
    await this.createAndLinkButton(type).click();
  }

  searchBox(type: RecordType): Locator {
    return this.section(type).getByRole("combobox", { name: t.types[type].linkSearch, exact: true });
  }

  option(type: RecordType, label: string): Locator {
    return this.section(type).getByRole("option", { name: label, exact: true });
  }

  /** Link → type the name → pick it from the results; resolves once the section shows it linked. */
  async linkBySearch(type: RecordType, label: string) {
    await this.linkButton(type).click();
    const box = this.searchBox(type);
    await expect(box).toBeFocused();
    await box.fill(label);
    await expect(this.option(type, label)).toBeVisible();
    await this.option(type, label).click();
    await expect(this.linkedRecord(type, label)).toBeVisible();
  }

  async unlink(type: RecordType) {
    await this.unlinkButton(type).click();
    await expect(this.notLinked(type)).toBeVisible();
    await expect(this.linkButton(type)).toBeVisible();
  }
}
