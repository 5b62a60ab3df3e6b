import { expect, type Locator, type Page } from "@playwright/test";
import type { Provider } from "@/db/schema";
import { catalogs } from "../support/catalogs";

const t = catalogs.en.settings;

export type WhatsappAppFields = { name: string; accountSid: string; authToken: string; sender: string };

/** Settings → Integrations → Messaging (SPEC §2, §10): the Add buttons, the install form and each app's card. */
export class MessagingSettingsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/integrations/messaging");
    await expect(this.page.getByRole("heading", { level: 1, name: t.messaging.title })).toBeVisible();
  }

  addButton(provider: Provider): Locator {
    return this.page.getByRole("button", { name: t.messaging.add[provider] });
  }

  /** The note saying a provider is closed to new installs (CLOSED_PROVIDERS). */
  closedNote(providerName: string): Locator {
    return this.page.getByText(t.messaging.closed.replace("{provider}", providerName));
  }

  card(name: string): Locator {
    return this.page.getByRole("article", { name });
  }

  webhookUrl(card: Locator): Locator {
    return card.getByRole("textbox", { name: t.card.webhookUrl, exact: true });
  }

  /** Installs through the form with access for the installer only, so no other user's inbox changes. */
  async installWhatsapp(fields: WhatsappAppFields): Promise<Locator> {
    await this.addButton("whatsapp").click();
    const form = this.page.getByRole("dialog", { name: t.form.installTitle.whatsapp });
    await form.getByLabel(t.form.name, { exact: true }).fill(fields.name);
    await form.getByLabel(t.form.accountSid, { exact: true }).fill(fields.accountSid);
    await form.getByLabel(t.form.authToken, { exact: true }).fill(fields.authToken);
    await form.getByLabel(t.form.sender, { exact: true }).fill(fields.sender);
    await form.getByRole("radio", { name: t.form.accessChosen }).check();
    await form.getByRole("button", { name: t.form.install }).click();
    await expect(form).toBeHidden();
    const card = this.card(fields.name);
    await expect(card).toBeVisible();
    return card;
  }

  async uninstall(name: string) {
    const card = this.card(name);
    await card.getByRole("button", { name: t.card.uninstall }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: t.uninstall.confirm }).click();
    await expect(card).toHaveCount(0);
  }
}
