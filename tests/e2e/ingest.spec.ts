import { send, signedTwilioRequest, twilioInboundParams } from "@/lib/webhooks/signed-requests";
import { expect, signInThroughForm, test } from "./fixtures";
import { InboxPage } from "./pages/inbox-page";
import { MessagingSettingsPage } from "./pages/messaging-settings-page";
import { dropDatabase, freshDatabase, removeDataDir, startAppInstance, type AppInstance } from "./support/app-instance";
import { newWhatsappContact, sendWhatsappMessage } from "./support/webhooks";

function tag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

test.describe("webhook ingest", () => {
  test("a signed request to the webhook URL of a WhatsApp app alice installs lands in Unassigned", async ({ alice: { page, inbox } }) => {
    const run = tag();
    const app = {
      name: `E2E Ingest ${run}`,
      accountSid: `AC${"fedcba9876543210".repeat(2)}`,
      authToken: `e2e-ingest-token-${run}`,
      sender: `whatsapp:+4207${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`,
    };
    const contact = { from: newWhatsappContact(), profileName: `E2E Ingest contact ${run}` };
    const settings = new MessagingSettingsPage(page);
    await settings.goto();
    const card = await settings.installWhatsapp(app);

    try {
      // What an admin copies into Twilio's console, as the page shows it.
      const webhookUrl = new URL(await settings.webhookUrl(card).inputValue());
      expect(webhookUrl.pathname).toMatch(/^\/api\/webhooks\/whatsapp\/[0-9a-f-]{36}$/);
      const request = signedTwilioRequest({
        baseUrl: webhookUrl.origin,
        path: webhookUrl.pathname,
        authToken: app.authToken,
        params: twilioInboundParams({ accountSid: app.accountSid, to: app.sender, text: `First words ${run}`, ...contact }),
      });
      expect((await send(request)).status).toBe(200);

      await inbox.goto("unassigned");
      await expect(inbox.row(contact.profileName)).toContainText(`First words ${run}`);
      await expect(inbox.row(contact.profileName)).toContainText(app.name);
    } finally {
      await settings.goto();
      await settings.uninstall(app.name);
    }
    // Its conversations leave the inbox with it (docs/decisions.md).
    await inbox.goto("unassigned");
    await expect(inbox.viewNav).toBeVisible();
    await expect(inbox.row(contact.profileName)).toHaveCount(0);
  });
});

/**
 * CLOSED_PROVIDERS needs a server started with it: a second `next start` from the same build,
 * on its own database (PostgreSQL when DATABASE_URL is set, else its own embedded data dir),
 * so nothing here touches the suite's shared demo data.
 */
test.describe("with CLOSED_PROVIDERS=whatsapp", () => {
  const port = Number(process.env.E2E_CLOSED_PROVIDERS_PORT ?? 3212);
  const dataDir = ".data-e2e-closed";
  const database = `${process.env.E2E_DATABASE ?? "switchboard_e2e"}_closed`;
  let server: AppInstance;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    await removeDataDir(dataDir);
    const databaseUrl = process.env.DATABASE_URL ? await freshDatabase(database, dataDir) : undefined;
    server = await startAppInstance({
      port,
      env: { CLOSED_PROVIDERS: "whatsapp", SWITCHBOARD_DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    if (process.env.DATABASE_URL) await dropDatabase(database);
    await removeDataDir(dataDir);
  });

  test("WhatsApp is not offered for new installs, and the installed demo WhatsApp app still receives", async ({ browser }) => {
    const storageState = await signInThroughForm(browser, server.url, "alice");
    const context = await browser.newContext({ baseURL: server.url, locale: "en-US", storageState });
    try {
      const page = await context.newPage();

      const settings = new MessagingSettingsPage(page);
      await settings.goto();
      await expect(settings.addButton("messenger")).toBeVisible();
      await expect(settings.addButton("whatsapp")).toHaveCount(0);
      await expect(settings.closedNote("WhatsApp")).toBeVisible();
      await expect(settings.card("Demo Company WhatsApp")).toBeVisible();

      const run = tag();
      const contact = { from: newWhatsappContact(), profileName: `E2E Closed provider ${run}` };
      await sendWhatsappMessage(server.url, { ...contact, text: `Still open for business? ${run}` });
      const inbox = new InboxPage(page);
      await inbox.goto("unassigned");
      await expect(inbox.row(contact.profileName)).toContainText(`Still open for business? ${run}`);
      await expect(inbox.row(contact.profileName)).toContainText("Demo Company WhatsApp");
    } finally {
      await context.close();
    }
  });
});
