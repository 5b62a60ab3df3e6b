import { expect, type Locator, type Page, type Response } from "@playwright/test";
import { catalogs, escapeRegExp, type Locale } from "../support/catalogs";

export type View = "unassigned" | "mine" | "others" | "snoozed" | "closed";
export const VIEWS: View[] = ["unassigned", "mine", "others", "snoozed", "closed"];

/** The inbox and the shell around it (user menu), in the language the user reads it in. */
export class InboxPage {
  constructor(
    readonly page: Page,
    public locale: Locale = "en",
  ) {}

  private get t() {
    return catalogs[this.locale];
  }

  async goto(view: View = "unassigned", query = ""): Promise<Response | null> {
    return this.page.goto(`/messaging/${view}${query}`);
  }

  get viewNav(): Locator {
    return this.page.getByRole("navigation", { name: this.t.inbox.views });
  }

  /** The left-column link, named "<view name> <count>" (SPEC §10). */
  viewLink(view: View, count?: number): Locator {
    const name = escapeRegExp(this.t.inbox.viewNames[view]);
    return this.viewNav.getByRole("link", { name: new RegExp(`^${name}\\s*${count ?? "\\d+"}$`) });
  }

  get conversationList(): Locator {
    return this.page.getByRole("region", { name: this.t.inbox.conversations });
  }

  /** The list's rows: one listbox of options (issue 16 item 5), each still a link to its conversation. */
  get rows(): Locator {
    return this.conversationList.getByRole("listbox", { name: this.t.inbox.conversations }).getByRole("option");
  }

  row(contactName: string): Locator {
    return this.rows.filter({ hasText: contactName });
  }

  get thread(): Locator {
    return this.page.getByRole("list", { name: this.t.conversation.thread });
  }

  get noAppsState(): Locator {
    return this.page.getByRole("heading", { name: this.t.inbox.noApps.title });
  }

  /** A workspace with apps the user cannot reach (issue 16 item 10). */
  get noAccessState(): Locator {
    return this.page.getByRole("heading", { name: this.t.inbox.noAccess.title });
  }

  async openConversation(contactName: string) {
    await this.row(contactName).click();
    await expect(this.thread).toBeVisible();
  }

  async expectCounts(counts: Record<View, number>) {
    for (const view of VIEWS) await expect(this.viewLink(view, counts[view])).toBeVisible();
  }

  /** The number in a view's link. */
  async count(view: View): Promise<number> {
    const text = await this.viewLink(view).textContent();
    return Number(/(\d+)\s*$/.exec(text ?? "")?.[1] ?? Number.NaN);
  }

  /** Resolves once the page's live stream (/api/events) is open, so events sent from now on reach it. */
  async waitForLive() {
    await this.page.waitForFunction(() => document.documentElement.dataset.live === "connected");
  }

  /** The availability toggle at the top (SPEC §4, §10), named after the user's current state. */
  availabilityToggle(isAvailable: boolean): Locator {
    const name = isAvailable ? this.t.inbox.availability.available : this.t.inbox.availability.unavailable;
    return this.page.getByRole("button", { name, exact: true });
  }

  async setAvailable(isAvailable: boolean) {
    const current = this.availabilityToggle(!isAvailable);
    const wanted = this.availabilityToggle(isAvailable);
    await expect(current.or(wanted)).toBeVisible();
    if (await current.isVisible()) {
      // The toggle flips at once; the server action's answer says the change is stored.
      const saved = this.page.waitForResponse(
        (response) => response.request().method() === "POST" && !!response.request().headers()["next-action"],
      );
      await current.click();
      expect((await saved).ok()).toBe(true);
    }
    await expect(wanted).toHaveAttribute("aria-pressed", String(isAvailable));
  }

  get userMenu(): Locator {
    return this.page.getByRole("button", { name: this.t.userMenu.open });
  }

  async signOut() {
    await this.userMenu.click();
    await this.page.getByRole("menuitem", { name: this.t.userMenu.signOut }).click();
    await this.page.waitForURL(/\/login/);
  }

  /** Picks the language in the user menu and waits until the page reads in it. */
  async chooseLanguage(locale: Locale) {
    await this.userMenu.click();
    await this.page.getByRole("menuitemradio", { name: this.t.userMenu.languages[locale] }).click();
    this.locale = locale;
    await expect(this.page.locator("html")).toHaveAttribute("lang", locale);
    await expect(this.userMenu).toBeVisible();
  }
}
