import type { Locator, Page } from "@playwright/test";
import { catalogs } from "../support/catalogs";

const t = catalogs.en.login;

export class LoginPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel(t.email);
    this.password = page.getByLabel(t.password);
    this.submit = page.getByRole("button", { name: t.submit });
    // Next's route announcer is an empty role=alert too; the form's own alert holds the refusal.
    this.error = page.locator("form").getByRole("alert");
  }

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
  }

  /** Fills the form and submits; where the browser lands is up to the test. */
  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}
