import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { catalogs } from "./support/catalogs";

const t = catalogs.en.crm;
const refusals = catalogs.en.refusals;
const UUID_PATH = /\/(persons|leads|deals)\/[0-9a-f-]{36}$/;

function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** The CRM pages as a user sees them: the list's New dialog and a record's own page. */
class CrmPages {
  constructor(readonly page: Page) {}

  async openNew(type: "person" | "lead" | "deal"): Promise<Locator> {
    await this.page.goto({ person: "/persons", lead: "/leads", deal: "/deals" }[type]);
    await this.page.getByRole("button", { name: t.types[type].new }).click();
    return this.page.getByRole("dialog", { name: t.types[type].new });
  }

  field(scope: Locator, label: string): Locator {
    return scope.getByLabel(label, { exact: true });
  }

  async pickPerson(scope: Locator, name: string) {
    const picker = scope.getByRole("combobox", { name: t.fields.person });
    await picker.fill(name);
    await expect(scope.getByRole("option", { name })).toBeVisible();
    await picker.press("ArrowDown");
    await picker.press("Enter");
    await expect(scope.getByRole("button", { name: t.form.changePerson.replace("{name}", name) })).toBeVisible();
  }

  async createPerson(name: string): Promise<string> {
    const dialog = await this.openNew("person");
    await this.field(dialog, t.fields.name).fill(name);
    await dialog.getByRole("button", { name: t.form.create }).click();
    await expect(this.page).toHaveURL(UUID_PATH);
    return this.page.url();
  }

  heading(name: string): Locator {
    return this.page.getByRole("heading", { level: 1, name, exact: true });
  }

  async deleteRecord(type: "person" | "lead" | "deal", label: string) {
    await this.page.getByRole("button", { name: t.detail.delete, exact: true }).click();
    const confirm = this.page.getByRole("dialog", { name: t.types[type].deleteTitle.replace("{label}", label) });
    await confirm.getByRole("button", { name: t.detail.delete, exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`/${{ person: "persons", lead: "leads", deal: "deals" }[type]}$`));
  }
}

test.describe("CRM records", () => {
  test("a person is created with field errors shown first, found by search, edited and deleted", async ({ alice: { page } }) => {
    const crm = new CrmPages(page);
    const name = unique("E2E Person");
    const dialog = await crm.openNew("person");

    await dialog.getByRole("button", { name: t.form.create }).click();
    await expect(dialog.getByRole("alert")).toHaveText(refusals.invalid_input);
    await expect(crm.field(dialog, t.fields.name)).toHaveAccessibleDescription(t.errors.required);

    await crm.field(dialog, t.fields.name).fill(name);
    await crm.field(dialog, t.fields.phones).fill("+420 777 123 456, call me");
    await crm.field(dialog, t.fields.emails).fill("not-an-email");
    await dialog.getByRole("button", { name: t.form.create }).click();
    await expect(crm.field(dialog, t.fields.phones)).toHaveAccessibleDescription(t.errors.phone);
    await expect(crm.field(dialog, t.fields.emails)).toHaveAccessibleDescription(t.errors.email);
    await expect(crm.field(dialog, t.fields.name)).toHaveValue(name);

    await crm.field(dialog, t.fields.phones).fill("+420 777 123 456, +420 601 000 111");
    await crm.field(dialog, t.fields.emails).fill("e2e.person@example.com");
    await dialog.getByRole("button", { name: t.form.create }).click();
    await expect(page).toHaveURL(UUID_PATH);
    await expect(crm.heading(name)).toBeVisible();
    await expect(page.getByRole("link", { name: "+420 601 000 111" })).toBeVisible();
    await expect(page.getByRole("link", { name: "e2e.person@example.com" })).toBeVisible();

    await page.goto(`/persons?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("table").getByRole("link", { name })).toBeVisible();
    await page.getByRole("table").getByRole("link", { name }).click();
    await expect(crm.heading(name)).toBeVisible();

    const renamed = `${name} (renamed)`;
    await page.getByRole("button", { name: t.detail.edit, exact: true }).click();
    const edit = page.getByRole("dialog", { name: t.types.person.edit });
    await crm.field(edit, t.fields.name).fill("");
    await edit.getByRole("button", { name: t.form.save }).click();
    await expect(crm.field(edit, t.fields.name)).toHaveAccessibleDescription(t.errors.required);
    await crm.field(edit, t.fields.name).fill(renamed);
    await edit.getByRole("button", { name: t.form.save }).click();
    await expect(edit).toBeHidden();
    await expect(crm.heading(renamed)).toBeVisible();

    await crm.deleteRecord("person", renamed);
    await page.goto(`/persons?q=${encodeURIComponent(name)}`);
    await expect(page.getByText(t.types.person.noMatch.replace("{query}", name))).toBeVisible();
  });

  test("a lead gets a person picked by searching, is edited and deleted", async ({ alice: { page } }) => {
    const crm = new CrmPages(page);
    const person = unique("E2E Lead Contact");
    await crm.createPerson(person);

    const title = unique("E2E Lead");
    const dialog = await crm.openNew("lead");
    await dialog.getByRole("button", { name: t.form.create }).click();
    await expect(crm.field(dialog, t.fields.title)).toHaveAccessibleDescription(t.errors.required);
    await crm.field(dialog, t.fields.title).fill(title);
    await crm.pickPerson(dialog, person);
    await dialog.getByRole("button", { name: t.form.create }).click();

    await expect(crm.heading(title)).toBeVisible();
    const details = page.getByRole("region", { name: t.detail.details });
    await expect(details.getByRole("link", { name: person })).toHaveAttribute("href", /^\/persons\/[0-9a-f-]{36}$/);

    const retitled = `${title} (qualified)`;
    await page.getByRole("button", { name: t.detail.edit, exact: true }).click();
    const edit = page.getByRole("dialog", { name: t.types.lead.edit });
    await crm.field(edit, t.fields.title).fill(retitled);
    await edit.getByRole("button", { name: t.form.changePerson.replace("{name}", person) }).click();
    await edit.getByRole("button", { name: t.form.save }).click();
    await expect(crm.heading(retitled)).toBeVisible();
    await expect(details.getByText(t.detail.noPerson)).toBeVisible();

    await crm.deleteRecord("lead", retitled);
    await expect(page.getByRole("link", { name: retitled })).toHaveCount(0);
  });

  test("a deal refuses a negative value, then shows its value in the currency and its stage, and is edited and deleted", async ({
    alice: { page },
  }) => {
    const crm = new CrmPages(page);
    const title = unique("E2E Deal");
    const dialog = await crm.openNew("deal");
    await crm.field(dialog, t.fields.title).fill(title);
    await crm.field(dialog, t.fields.value).fill("-5");
    await dialog.getByRole("button", { name: t.form.create }).click();
    await expect(crm.field(dialog, t.fields.value)).toHaveAccessibleDescription(t.errors.value);

    await crm.field(dialog, t.fields.value).fill("12500.5");
    await crm.field(dialog, t.fields.currency).selectOption("EUR");
    await crm.field(dialog, t.fields.stage).selectOption({ label: t.stages.proposal_made });
    await dialog.getByRole("button", { name: t.form.create }).click();

    await expect(crm.heading(title)).toBeVisible();
    const details = page.getByRole("region", { name: t.detail.details });
    await expect(details).toContainText("€12,500.50");
    await expect(details).toContainText(t.stages.proposal_made);

    await page.getByRole("button", { name: t.detail.edit, exact: true }).click();
    const edit = page.getByRole("dialog", { name: t.types.deal.edit });
    await expect(crm.field(edit, t.fields.value)).toHaveValue("12500.50");
    await crm.field(edit, t.fields.stage).selectOption({ label: t.stages.won });
    await edit.getByRole("button", { name: t.form.save }).click();
    await expect(edit).toBeHidden();
    await expect(details).toContainText(t.stages.won);

    await page.goto(`/deals?q=${encodeURIComponent(title)}`);
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row).toContainText("€12,500.50");
    await expect(row).toContainText(t.stages.won);
    await row.getByRole("link", { name: title }).click();
    await crm.deleteRecord("deal", title);
  });

  test("notes are added, kept within 10,000 characters, edited (marked Edited) and deleted", async ({ alice: { page } }) => {
    const crm = new CrmPages(page);
    await crm.createPerson(unique("E2E Notes"));
    const notes = page.getByRole("region", { name: t.notes.title });
    const box = notes.getByRole("textbox", { name: t.notes.add });

    await notes.getByRole("button", { name: t.notes.submit }).click();
    await expect(box).toHaveAccessibleDescription(new RegExp(t.notes.errors.required));

    await box.fill("x".repeat(10_001));
    await expect(notes.getByText("10,001 / 10,000")).toBeVisible();
    await notes.getByRole("button", { name: t.notes.submit }).click();
    await expect(box).toHaveAccessibleDescription(new RegExp("A note can hold at most 10,000 characters"));

    await box.fill("Called back, wants a quote. Details: https://example.com/quote?id=1");
    await notes.getByRole("button", { name: t.notes.submit }).click();
    // Newest first: the note just added is on top.
    const note = notes.getByRole("article").first();
    await expect(note).toContainText("Called back, wants a quote.");
    await expect(box).toHaveValue("");
    await expect(note.getByRole("link", { name: "https://example.com/quote?id=1" })).toHaveAttribute("href", "https://example.com/quote?id=1");

    await note.getByRole("button", { name: t.notes.editLabel }).click();
    const editor = note.getByRole("textbox", { name: t.notes.editLabel });
    await expect(editor).toHaveValue(/^Called back/);
    await editor.fill("Quote sent on Monday.");
    await note.getByRole("button", { name: t.notes.save }).click();
    const edited = notes.getByRole("article").filter({ hasText: "Quote sent on Monday." });
    await expect(edited).toBeVisible();
    await expect(edited.getByText(t.notes.edited, { exact: true })).toBeVisible();
    await expect(notes.getByText("Called back")).toHaveCount(0);

    await edited.getByRole("button", { name: t.notes.deleteLabel }).click();
    await page.getByRole("dialog", { name: t.notes.deleteTitle }).getByRole("button", { name: t.notes.delete }).click();
    await expect(notes.getByRole("article")).toHaveCount(0);
    await expect(notes.getByText(t.notes.empty)).toBeVisible();
  });

  test("markup in a name and a note is shown as text, never run", async ({ alice: { page } }) => {
    const alerts: string[] = [];
    page.on("dialog", async (dialog) => {
      alerts.push(dialog.message());
      await dialog.dismiss();
    });
    const crm = new CrmPages(page);
    const payload = "<img src=x onerror=alert(1)>";
    const name = `${payload} ${Date.now()}`;
    await crm.createPerson(name);

    await expect(crm.heading(name)).toBeVisible();
    const notes = page.getByRole("region", { name: t.notes.title });
    await notes.getByRole("textbox", { name: t.notes.add }).fill(`${payload} <script>alert(2)</script> javascript:alert(3)`);
    await notes.getByRole("button", { name: t.notes.submit }).click();
    await expect(notes.getByRole("article").filter({ hasText: payload })).toBeVisible();
    await page.goto(`/persons?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("table").getByRole("link", { name })).toBeVisible();

    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(alerts).toEqual([]);
  });

  test("unknown, malformed and other workspaces' records are a 404", async ({ alice, dave }) => {
    const crm = new CrmPages(alice.page);
    const url = await crm.createPerson(unique("E2E Private"));

    expect((await dave.page.goto(new URL(url).pathname))?.status()).toBe(404);
    expect((await alice.page.goto("/deals/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
    expect((await alice.page.goto("/leads/not-a-record"))?.status()).toBe(404);
  });
});
