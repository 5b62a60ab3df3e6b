import { expect, test } from "./fixtures";
import { catalogs } from "./support/catalogs";

const t = catalogs.en.settings;
const SETTINGS = "/settings/integrations/messaging";

test.describe("messaging settings", () => {
  test("alice installs a WhatsApp app, copies its webhook URL and uninstalls it", async ({ alice: { page } }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const name = `E2E WhatsApp ${Date.now()}`;
    await page.goto(SETTINGS);
    await expect(page.getByRole("heading", { level: 1, name: t.messaging.title })).toBeVisible();

    await page.getByRole("button", { name: t.messaging.add.whatsapp }).click();
    const form = page.getByRole("dialog", { name: t.form.installTitle.whatsapp });
    await form.getByLabel(t.form.name, { exact: true }).fill(name);
    await form.getByLabel(t.form.accountSid, { exact: true }).fill(`AC${"0123456789abcdef".repeat(2)}`);
    await form.getByLabel(t.form.authToken, { exact: true }).fill("e2e-twilio-auth-token");
    await form.getByLabel(t.form.sender, { exact: true }).fill("whatsapp:+420777000111");
    await form.getByRole("button", { name: t.form.install }).click();
    await expect(form).toBeHidden();

    const card = page.getByRole("article", { name });
    const webhookUrl = card.getByRole("textbox", { name: t.card.webhookUrl, exact: true });
    await expect(webhookUrl).toHaveValue(/\/api\/webhooks\/whatsapp\/[0-9a-f-]{36}$/);
    await expect(card.getByRole("textbox", { name: t.card.statusCallbackUrl, exact: true })).toHaveValue(/\/status$/);
    const copy = card.getByRole("button", { name: t.copy.webhookUrl });
    await copy.click();
    await expect(copy).toHaveText(t.copy.copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await webhookUrl.inputValue());
    // Spec §2: the browser never gets a credential back after saving.
    expect(await page.content()).not.toContain("e2e-twilio-auth-token");

    await card.getByRole("button", { name: t.card.uninstall }).click();
    await page.getByRole("dialog").getByRole("button", { name: t.uninstall.confirm }).click();
    await expect(card).toHaveCount(0);
  });

  test("a malformed sender is explained beside its field and nothing is installed", async ({ alice: { page } }) => {
    await page.goto(SETTINGS);
    const apps = page.getByRole("article");
    const before = await apps.count();

    await page.getByRole("button", { name: t.messaging.add.whatsapp }).click();
    const form = page.getByRole("dialog", { name: t.form.installTitle.whatsapp });
    await form.getByLabel(t.form.name, { exact: true }).fill("Not installed");
    await form.getByLabel(t.form.accountSid, { exact: true }).fill(`AC${"0123456789abcdef".repeat(2)}`);
    await form.getByLabel(t.form.authToken, { exact: true }).fill("e2e-twilio-auth-token");
    await form.getByLabel(t.form.sender, { exact: true }).fill("+420777000111");
    await form.getByRole("button", { name: t.form.install }).click();

    await expect(form.getByRole("alert")).toHaveText(catalogs.en.refusals.invalid_input);
    await expect(form.getByLabel(t.form.sender, { exact: true })).toHaveAccessibleDescription(t.errors.sender);
    await expect(form.getByLabel(t.form.name, { exact: true })).toHaveValue("Not installed");
    await form.getByRole("button", { name: catalogs.en.common.cancel }).click();
    await expect(apps).toHaveCount(before);
  });

  test("bob gets the 403 page", async ({ bob: { page } }) => {
    const response = await page.goto(SETTINGS);

    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: catalogs.en.errors.forbiddenTitle })).toBeVisible();
    await expect(page.getByRole("button", { name: t.messaging.add.whatsapp })).toHaveCount(0);
  });
});
